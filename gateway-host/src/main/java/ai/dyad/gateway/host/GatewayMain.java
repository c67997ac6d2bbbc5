package ai.dyad.gateway.host;

import ai.dyad.gateway.host.config.ConfigException;
import ai.dyad.gateway.host.config.ConfigLoader;
import ai.dyad.gateway.host.config.GatewayConfig;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Starts the gateway in the foreground until SIGTERM or Ctrl-C. */
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
        ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .setLevel(Level.toLevel(config.logLevel()));
        Gateway gateway = Gateway.start(config, Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
    }
}
