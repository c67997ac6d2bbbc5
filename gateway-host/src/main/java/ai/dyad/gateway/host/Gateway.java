package ai.dyad.gateway.host;

import ai.dyad.gateway.host.admin.AdminAuth;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.ApiKeyCache;
import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.cache.CachingChatHandler;
import ai.dyad.gateway.host.cache.ResponseCache;
import ai.dyad.gateway.host.chat.CallObserver;
import ai.dyad.gateway.host.chat.ChatCompletionsHandler;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.config.OperationsConfig;
import ai.dyad.gateway.host.docs.DocsHandler;
import ai.dyad.gateway.host.docs.OpenApiHandler;
import ai.dyad.gateway.host.firstrun.FirstStart;
import ai.dyad.gateway.host.health.HealthHandler;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.CompletedRequest;
import ai.dyad.gateway.host.http.Draining;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.Middleware;
import ai.dyad.gateway.host.http.RouteTemplate;
import ai.dyad.gateway.host.http.Routes;
import ai.dyad.gateway.host.lifecycle.ShutdownSteps;
import ai.dyad.gateway.host.logging.AccessLog;
import ai.dyad.gateway.host.logging.LogContextExecutor;
import ai.dyad.gateway.host.logging.PromptLog;
import ai.dyad.gateway.host.metrics.GatewayMetrics;
import ai.dyad.gateway.host.metrics.MetricsHandler;
import ai.dyad.gateway.host.models.ModelsHandler;
import ai.dyad.gateway.host.plugins.PluginHost;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Operations operations;
    private final AtomicBoolean closing = new AtomicBoolean();

    /** The operational parts close() and tests need: draining, shutdown steps, metrics, route list. */
    private record Operations(
            Draining draining,
            ShutdownSteps shutdownSteps,
            Duration grace,
            GatewayMetrics metrics,
            List<RouteTemplate> routes) {}

    private Gateway(
            Store store,
            Optional<RedissonClient> redis,
            PluginHost plugins,
            ProviderRuntime providers,
            ExecutorService virtualThreads,
            Undertow server,
            Operations operations) {
        this.store = store;
        this.redis = redis;
        this.plugins = plugins;
        this.providers = providers;
        this.virtualThreads = virtualThreads;
        this.server = server;
        this.operations = operations;
    }

    /** Starts the gateway; {@code console} receives the one-time first-start messages. */
    public static Gateway start(GatewayConfig config, Clock clock, PrintStream console) {
        Store store = Store.open(config.mongodbUrl(), config.dataDir(), clock);
        Optional<RedissonClient> redis = RedisConnection.open(config.redisUrl());
        ApiKeySecrets secrets = new ApiKeySecrets(config.apiKeyPrefix());
        FirstStart.run(store, secrets, console);
        ApiKeyCache keys = new ApiKeyCache(store.apiKeys());
        keys.reload();
        PluginHost plugins = PluginHost.start(config.pluginsDir());
        ProviderRuntime providers = new ProviderRuntime(store.providers(), plugins, clock);
        providers.reload();

        ObjectMapper json = new ObjectMapper();
        ErrorResponder errors = new ErrorResponder(json);
        OperationsConfig ops = config.operations();
        // Tasks carry the submitting thread's logging context, so adapter threads log with the request id.
        ExecutorService virtualThreads = new LogContextExecutor(Executors.newVirtualThreadPerTaskExecutor());
        GatewayMetrics metrics = GatewayMetrics.create();
        metrics.watchPluginStates(plugins::countsByState);
        // Provider-call observers, told of every call and cache hit: append usage accounting here.
        List<CallObserver> callObservers = new ArrayList<>();
        if (ops.metricsEnabled()) {
            callObservers.add(metrics.calls());
        }
        CallObserver observer = CallObserver.all(callObservers);
        // Steps run at shutdown after in-flight requests finished, before plugins stop: append flushers here.
        ShutdownSteps shutdownSteps = new ShutdownSteps();
        BodyThenDispatch.BodyHandler chatHandler = new ChatCompletionsHandler(
                json, providers, errors, virtualThreads, clock, config.defaultTimeout(), observer);
        if (ops.cache().enabled()) {
            chatHandler = new CachingChatHandler(
                    chatHandler,
                    ResponseCache.create(redis, ops.cache().ttl(), ops.cache().maxEntries(), clock, json),
                    ops.cache().disabledProviders(),
                    observer,
                    metrics::cacheLookup,
                    json);
        }
        if (ops.logging().logPrompts()) {
            chatHandler = new PromptLog(chatHandler);
        }
        HttpHandler chat = new BodyThenDispatch(
                chatHandler,
                virtualThreads,
                errors,
                config.maxRequestSize(),
                ops.http().requestBodyTimeout());
        UnaryOperator<HttpHandler> apiKeyAuth = next -> new ApiKeyAuth(next, keys, secrets);
        AdminRoutes admin = new AdminRoutes(virtualThreads, errors, config.maxRequestSize());
        List<AdminModule> adminModules = List.of();
        adminModules.forEach(module -> module.register(admin));
        List<CompletedRequest.Listener> requestListeners = new ArrayList<>();
        if (ops.metricsEnabled()) {
            requestListeners.add(metrics.requests());
        }
        if (ops.logging().requestLogging()) {
            requestListeners.add(new AccessLog());
        }
        Draining draining = new Draining(errors);
        Routes routes = Routes.build(
                new Routes.Endpoints(
                        new HealthHandler(clock),
                        chat,
                        new ModelsHandler(json, providers),
                        AdminAuth.wrap(admin.handler(), apiKeyAuth)),
                new Routes.OperatorEndpoints(
                        ops.metricsEnabled() ? new MetricsHandler(metrics) : null,
                        new OpenApiHandler(),
                        new DocsHandler()),
                apiKeyAuth,
                Middleware.edge(ops.http(), requestListeners, draining),
                errors);
        List<RouteTemplate> routeTemplates = new ArrayList<>(routes.templates());
        routeTemplates.addAll(admin.templates());

        Undertow server = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                // No per-thread buffer cache: with a virtual thread per request, cached buffers strand.
                .setByteBufferPool(new DefaultByteBufferPool(true, 16 * 1024, 1024, 0))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        ops.http().noRequestTimeout().toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        ops.http().requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int)
                        ops.http().idleTimeout().toMillis())
                // h2c: by upgrade from HTTP/1.1 and by prior knowledge.
                .setServerOption(UndertowOptions.ENABLE_HTTP2, ops.http().http2())
                .setHandler(routes.handler())
                .build();
        server.start();
        Gateway gateway = new Gateway(
                store,
                redis,
                plugins,
                providers,
                virtualThreads,
                server,
                new Operations(draining, shutdownSteps, ops.shutdownGrace(), metrics, List.copyOf(routeTemplates)));
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

    /** Every route the server answers, as method and path template (the API docs are checked against it). */
    public List<RouteTemplate> routes() {
        return operations.routes();
    }

    /** The metrics registry (tests read it after traffic, even after close). */
    public GatewayMetrics metrics() {
        return operations.metrics();
    }

    /**
     * Stops gracefully: new requests get a 503, requests and streams in flight get up to the grace period to
     * finish, then the shutdown steps run (usage flush), then the server, plugins, Redis and the store stop.
     * Safe to call more than once; later calls return at once.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!operations.draining().drain(operations.grace())) {
                LOG.warn(
                        "requests still running after the {} ms shutdown grace period: cutting them off",
                        operations.grace().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        operations.shutdownSteps().runAll();
        virtualThreads.shutdownNow();
        providers.close();
        plugins.close();
        redis.ifPresent(RedissonClient::shutdown);
        store.close();
        LOG.info("Dyad Gateway stopped");
    }
}
