package ai.dyad.gateway.host;

import ai.dyad.gateway.host.commands.DatabaseCommands;
import ai.dyad.gateway.host.config.ConfigException;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.lifecycle.StopSignals;
import ai.dyad.gateway.host.logging.LoggingSetup;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The launcher: {@code serve} (the default) runs the gateway in the foreground until SIGTERM or Ctrl-C;
 * {@code migrate}, {@code seed} and {@code db-reset} work on the database and exit. The first signal stops a
 * serving gateway gracefully (see {@link Gateway#close()}); a second one while that runs exits at once.
 */
public final class GatewayMain {

    private static final String USAGE = """
            Usage: dyad-gateway [command]
              serve               run the gateway (the default)
              migrate             apply pending schema migrations; re-encrypt provider secrets with SECRETS_KEY
              seed                add sample providers and print a new admin API key
              db-reset [--yes]    delete everything in the database (asks first unless --yes)
            Settings come from environment variables and a .env file (see the README).""";

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> options = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            System.out.println(USAGE);
            return;
        }
        if (!command.equals("serve") && !DatabaseCommands.NAMES.contains(command)
                || command.equals("serve") && !options.isEmpty()) {
            System.err.println("dyad-gateway: unknown command '" + String.join(" ", args) + "'");
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("dyad-gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoggingSetup.apply(config.operations().logging(), config.logLevel());
        if (DatabaseCommands.NAMES.contains(command)) {
            System.exit(DatabaseCommands.run(
                    command, options, config, Clock.systemUTC(), System.in, System.out, System.err));
            return;
        }
        // The signals are handled before the gateway starts, and so before it logs that it listens: a SIGTERM
        // sent as soon as that line shows (by an orchestrator, or a test) stops it gracefully once started,
        // where the JVM's own handling would exit with nothing closed and no usage flushed.
        CompletableFuture<Gateway> start = new CompletableFuture<>();
        CompletableFuture<Gateway> started = start.exceptionally(failure -> null); // null: the start failed
        StopSignals signals =
                StopSignals.install(() -> Optional.ofNullable(started.join()).ifPresent(Gateway::close));
        // Other ways out (System.exit elsewhere, SIGHUP) still close cleanly; close() runs only once. It does
        // not wait for a start still running: that start may be the one calling System.exit.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> Optional.ofNullable(started.getNow(null)).ifPresent(Gateway::close), "shutdown-hook"));
        try {
            start.complete(Gateway.start(config, Clock.systemUTC(), System.out));
        } catch (RuntimeException | Error e) {
            start.completeExceptionally(e);
            throw e;
        }
        signals.awaitStopped();
        System.exit(0);
    }
}
