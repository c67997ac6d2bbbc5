package ai.dyad.gateway.host.commands;

import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.registry.Store;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The launcher's database commands ({@code bin/dyad-gateway migrate|seed|db-reset}), run against the store
 * the configuration names: the embedded one under {@code DATA_DIR}, or {@code MONGODB_URL}.
 */
public final class DatabaseCommands {

    /** The command names this class runs. */
    public static final Set<String> NAMES = Set.of("migrate", "seed", "db-reset");

    /** Exit codes: done, refused or failed, used wrongly. */
    static final int OK = 0;

    static final int FAILED = 1;
    static final int USAGE = 2;

    private DatabaseCommands() {}

    /** Runs {@code command} and returns the process exit code; messages go to {@code out} and {@code err}. */
    public static int run(
            String command,
            List<String> options,
            GatewayConfig config,
            Clock clock,
            InputStream in,
            PrintStream out,
            PrintStream err) {
        boolean yes = options.contains("--yes") || options.contains("-y");
        List<String> unknown = options.stream()
                .filter(o -> !(command.equals("db-reset") && (o.equals("--yes") || o.equals("-y"))))
                .toList();
        if (!unknown.isEmpty()) {
            err.println("dyad-gateway " + command + ": unknown option '" + unknown.getFirst() + "'");
            return USAGE;
        }
        Store store;
        try {
            store = Store.open(config.mongodbUrl(), config.dataDir(), clock);
        } catch (RuntimeException e) {
            err.println("dyad-gateway " + command + ": cannot open the store: " + describe(e, config));
            return FAILED;
        }
        try (store) {
            String where = config.mongodbUrl().isPresent()
                    ? "database '" + store.databaseName() + "' on MONGODB_URL"
                    : "the embedded store in " + config.dataDir().toAbsolutePath();
            return switch (command) {
                case "migrate" -> new MigrateCommand(store, config, out).run(where);
                case "seed" -> new SeedCommand(store, config, out).run(where);
                case "db-reset" ->
                    new ResetCommand(store, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out)
                            .run(where, yes);
                default -> throw new IllegalArgumentException("not a database command: " + command);
            };
        } catch (RuntimeException e) {
            err.println("dyad-gateway " + command + ": failed: " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * The embedded store's file belongs to one process at a time; the likeliest reason it cannot be opened is
     * a gateway running on the same data folder.
     */
    private static String describe(RuntimeException e, GatewayConfig config) {
        if (config.mongodbUrl().isEmpty() && messages(e).contains("locked")) {
            return "the data folder " + config.dataDir().toAbsolutePath()
                    + " is in use (is a gateway running on it? stop it first)";
        }
        return e.getMessage();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
