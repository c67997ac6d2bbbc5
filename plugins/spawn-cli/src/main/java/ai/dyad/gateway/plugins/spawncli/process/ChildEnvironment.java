package ai.dyad.gateway.plugins.spawncli.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a CLI gets: nothing of the gateway's but the allowed variables, plus the provider's own. The
 * gateway's environment may hold its database URL, its admin key and other providers' credentials; none of it is
 * the CLI's business.
 */
public final class ChildEnvironment {

    private ChildEnvironment() {}

    /**
     * @param parent the gateway's environment (injected, so tests need not depend on the real one)
     * @param inherit names of parent variables to pass on when set
     * @param additions variables to set, winning over inherited ones
     */
    public static Map<String, String> build(
            Map<String, String> parent, List<String> inherit, Map<String, String> additions) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : inherit) {
            String value = parent.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putAll(additions);
        return environment;
    }
}
