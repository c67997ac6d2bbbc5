package ai.dyad.gateway.wire.testing;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Contexts for driving adapters in tests the way the host does. */
public final class TestCalls {

    private TestCalls() {}

    /** A call with a generous deadline: a hang guard, not a timing assertion. */
    public static CallContext call() {
        return new CallContext("req-test-1", Instant.now().plus(Duration.ofSeconds(60)), "key-test");
    }

    /** Creates an adapter through its factory, validating the raw config against the factory's spec first. */
    public static ModelAdapter create(AdapterFactory factory, Map<String, Object> rawConfig) {
        return factory.create(new AdapterContext(
                "prov-1",
                "test-provider",
                factory.configSpec().validate(rawConfig),
                Clock.systemUTC(),
                System.getLogger("test")));
    }
}
