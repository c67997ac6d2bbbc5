package ai.dyad.gateway.host.registry.changes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeNoticeTest {

    @Test
    void survivesTheTripThroughRedis() {
        ChangeNotice notice = new ChangeNotice(ChangeKind.API_KEYS, 42, "instance-1");

        assertThat(notice.encode()).isEqualTo("api-keys 42 instance-1");
        assertThat(ChangeNotice.decode(notice.encode())).contains(notice);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "providers", "providers x origin", "widgets 1 origin", "providers 1 origin extra"})
    void ignoresWhatItCannotRead(String text) {
        assertThat(ChangeNotice.decode(text)).isEmpty();
    }
}
