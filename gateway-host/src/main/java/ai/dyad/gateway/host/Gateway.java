package ai.dyad.gateway.host;

import ai.dyad.gateway.host.admin.AdminAuth;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.ApiKeyCache;
import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.chat.ChatCompletionsHandler;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.firstrun.FirstStart;
import ai.dyad.gateway.host.health.HealthHandler;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.http.Routes;
import ai.dyad.gateway.host.models.ModelsHandler;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.plugins.StoredPluginStates;
import ai.dyad.gateway.host.plugins.admin.PluginAdminModule;
import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part by hand, in start order, and stops them in reverse. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Store store;
    private final Optional<RedissonClient> redis;
    private final PluginHost plugins;
    private final ProviderRuntime providers;
    private final ExecutorService virtualThreads;
    private final Undertow server;

    private Gateway(
            Store store,
            Optional<RedissonClient> redis,
            PluginHost plugins,
            ProviderRuntime providers,
            ExecutorService virtualThreads,
            Undertow server) {
        this.store = store;
        this.redis = redis;
        this.plugins = plugins;
        this.providers = providers;
        this.virtualThreads = virtualThreads;
        this.server = server;
    }

    /** Starts the gateway; {@code console} receives the one-time first-start messages. */
    public static Gateway start(GatewayConfig config, Clock clock, PrintStream console) {
        Store store = Store.open(config.mongodbUrl(), config.dataDir(), clock);
        Optional<RedissonClient> redis = RedisConnection.open(config.redisUrl());
        ApiKeySecrets secrets = new ApiKeySecrets(config.apiKeyPrefix());
        FirstStart.run(store, secrets, console);
        ApiKeyCache keys = new ApiKeyCache(store.apiKeys());
        keys.reload();
        PluginHost plugins = PluginHost.start(
                config.pluginsDir(), new StoredPluginStates(store.pluginStates()), config.pluginsHotDeploy());
        ProviderRuntime providers = new ProviderRuntime(store.providers(), plugins, clock);
        providers.reload();
        plugins.onChange(providers::reload);

        ObjectMapper json = new ObjectMapper();
        ErrorResponder errors = new ErrorResponder(json);
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        HttpHandler chat = new BodyThenDispatch(
                new ChatCompletionsHandler(json, providers, errors, virtualThreads, clock, config.defaultTimeout()),
                virtualThreads,
                errors,
                config.maxRequestSize());
        UnaryOperator<HttpHandler> apiKeyAuth = next -> new ApiKeyAuth(next, keys, secrets);
        AdminRoutes admin = new AdminRoutes(virtualThreads, errors, config.maxRequestSize());
        List<AdminModule> adminModules = List.of(
                new PluginAdminModule(plugins, providers, new JsonResponses(json), config.pluginUploadMaxSize()));
        adminModules.forEach(module -> module.register(admin));
        HttpHandler routes = Routes.build(
                new Routes.Endpoints(
                        new HealthHandler(clock),
                        chat,
                        new ModelsHandler(json, providers),
                        AdminAuth.wrap(admin.handler(), apiKeyAuth)),
                apiKeyAuth,
                errors);

        Undertow server = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                // No per-thread buffer cache: with a virtual thread per request, cached buffers strand.
                .setByteBufferPool(new DefaultByteBufferPool(true, 16 * 1024, 1024, 0))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setHandler(routes)
                .build();
        server.start();
        Gateway gateway = new Gateway(store, redis, plugins, providers, virtualThreads, server);
        LOG.info(
                "Dyad Gateway listening on http://{}:{} (store: {}, adapter types: {})",
                config.host(),
                gateway.port(),
                store.embedded() ? "embedded" : "MongoDB",
                plugins.types());
        return gateway;
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
        virtualThreads.shutdownNow();
        providers.close();
        plugins.close();
        redis.ifPresent(RedissonClient::shutdown);
        store.close();
    }
}
