package ai.dyad.gateway.host;

import ai.dyad.gateway.host.config.ConfigException;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.lifecycle.StopSignals;
import ai.dyad.gateway.host.logging.LoggingSetup;
import java.time.Clock;

/**
 * Starts the gateway in the foreground until SIGTERM or Ctrl-C. The first signal stops it gracefully (see
 * {@link Gateway#close()}); a second one while that runs exits at once.
 */
public final class GatewayMain {

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("dyad-gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoggingSetup.apply(config.operations().logging(), config.logLevel());
        Gateway gateway = Gateway.start(config, Clock.systemUTC(), System.out);
        StopSignals signals = StopSignals.install(gateway::close);
        // Other ways out (System.exit elsewhere, SIGHUP) still close cleanly; close() runs only once.
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "shutdown-hook"));
        signals.awaitStopped();
        System.exit(0);
    }
}
