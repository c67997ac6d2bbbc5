package ai.dyad.gateway.host.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the suite and scans everything the gateways in this JVM logged (at
 * debug level, see {@code logback-test.xml}) for API keys and JWTs. Child processes' logs are scanned by
 * {@link LogOutputIT} with secrets it knows.
 */
@Order(Integer.MAX_VALUE)
class SuiteLogScanIT {

    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("sk-dyad-[A-Za-z0-9_-]{43}"), // a whole API key (the visible prefix is fine)
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*")); // a JWT

    @Test
    void noTestLoggedAKeyOrAToken() throws Exception {
        Path log = Path.of(System.getProperty("dyad.test.suiteLog", "target/test-logs/suite.log"));
        org.slf4j.LoggerFactory.getLogger(SuiteLogScanIT.class).info("scanning {}", log);
        assertThat(log).exists();
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            for (Pattern secret : SECRETS) {
                Matcher m = secret.matcher(line);
                if (m.find()) {
                    found.add(line);
                }
            }
        }
        assertThat(found).as("log lines with a secret in " + log).isEmpty();
    }
}
