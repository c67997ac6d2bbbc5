package ai.dyad.gateway.host.firstrun;

import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.Store;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * On a store with no keys, creates an admin key and prints it once to the console (never to the log); on a
 * store with no providers, registers a demo model that works offline with nothing installed.
 */
public final class FirstStart {

    /** The demo model: a spawn-cli provider running {@code cat}, which answers with the prompt. */
    public static final String DEMO_MODEL = "echo";

    private FirstStart() {}

    public static void run(Store store, ApiKeySecrets secrets, PrintStream console) {
        if (store.apiKeys().count() == 0) {
            String secret = secrets.newSecret();
            store.apiKeys().insert(secrets.adminKey("admin (first start)", secret));
            console.println();
            console.println("  Dyad Gateway created an admin API key. It is shown only this once:");
            console.println();
            console.println("      " + secret);
            console.println();
        }
        if (store.providers().count() == 0) {
            store.providers()
                    .insert(Provider.create(
                            "demo", "spawn-cli", Map.of("command", "cat"), List.of(ProviderModel.named(DEMO_MODEL))));
            console.println(
                    "  Registered the demo model '" + DEMO_MODEL + "' (a spawn-cli provider that echoes the prompt).");
            console.println();
        }
    }
}
