package ai.dyad.gateway.host.providers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of RFC 7396, appendix A, plus the provider cases that matter. */
class MergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'a':'b'}|{'a':'c'}|{'a':'c'}",
                "{'a':'b'}|{'b':'c'}|{'a':'b','b':'c'}",
                "{'a':'b'}|{'a':null}|{}",
                "{'a':'b','b':'c'}|{'a':null}|{'b':'c'}",
                "{'a':['b']}|{'a':'c'}|{'a':'c'}",
                "{'a':'c'}|{'a':['b']}|{'a':['b']}",
                "{'a':{'b':'c'}}|{'a':{'b':'d','c':null}}|{'a':{'b':'d'}}",
                "{'a':[{'b':'c'}]}|{'a':[1]}|{'a':[1]}",
                "{'e':null}|{'a':1}|{'e':null,'a':1}",
                "{}|{'a':{'bb':{'ccc':null}}}|{'a':{'bb':{}}}",
                "{'config':{'apiKey':'k','region':'eu'},'models':[{'modelId':'a'}]}|{'config':{'region':'us'}}|{'config':{'apiKey':'k','region':'us'},'models':[{'modelId':'a'}]}"
            })
    void mergesAsTheRfcSays(String target, String patch, String expected) throws Exception {
        assertThat(MergePatch.apply(JSON.readTree(json(target)), JSON.readTree(json(patch))))
                .isEqualTo(JSON.readTree(json(expected)));
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
