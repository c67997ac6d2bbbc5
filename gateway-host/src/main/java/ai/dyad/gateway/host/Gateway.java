package ai.dyad.gateway.host;

import ai.dyad.gateway.host.admin.AdminAuth;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.auth.AllowedModels;
import ai.dyad.gateway.host.auth.ApiKeyAdminModule;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.ApiKeyCache;
import ai.dyad.gateway.host.auth.ApiKeyCheck;
import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.auth.KeyCacheSync;
import ai.dyad.gateway.host.auth.KeyChangeNotices;
import ai.dyad.gateway.host.auth.RedisKeyChangeNotices;
import ai.dyad.gateway.host.cache.CachingChatHandler;
import ai.dyad.gateway.host.cache.ResponseCache;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.chat.ChatCompletionsHandler;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.config.OperationsConfig;
import ai.dyad.gateway.host.deadlines.Deadlines;
import ai.dyad.gateway.host.docs.DocsHandler;
import ai.dyad.gateway.host.docs.OpenApiHandler;
import ai.dyad.gateway.host.embeddings.EmbeddingsHandler;
import ai.dyad.gateway.host.firstrun.FirstStart;
import ai.dyad.gateway.host.health.DetailedHealthHandler;
import ai.dyad.gateway.host.health.HealthChecker;
import ai.dyad.gateway.host.health.HealthHandler;
import ai.dyad.gateway.host.health.ProviderChecksAdminModule;
import ai.dyad.gateway.host.health.ProviderHealth;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.CompletedRequest;
import ai.dyad.gateway.host.http.Draining;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonMappers;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.http.Middleware;
import ai.dyad.gateway.host.http.RouteTemplate;
import ai.dyad.gateway.host.http.Routes;
import ai.dyad.gateway.host.lifecycle.ShutdownSteps;
import ai.dyad.gateway.host.logging.AccessLog;
import ai.dyad.gateway.host.logging.LogContextExecutor;
import ai.dyad.gateway.host.logging.PromptLog;
import ai.dyad.gateway.host.metrics.GatewayMetrics;
import ai.dyad.gateway.host.metrics.MetricsHandler;
import ai.dyad.gateway.host.models.ModelAccess;
import ai.dyad.gateway.host.models.ModelLookup;
import ai.dyad.gateway.host.models.ModelsHandler;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.plugins.StoredPluginStates;
import ai.dyad.gateway.host.plugins.admin.PluginAdminModule;
import ai.dyad.gateway.host.providers.ProviderService;
import ai.dyad.gateway.host.providers.admin.ProvidersAdmin;
import ai.dyad.gateway.host.ratelimit.FailoverLimitStore;
import ai.dyad.gateway.host.ratelimit.KeyLimits;
import ai.dyad.gateway.host.ratelimit.LimitStore;
import ai.dyad.gateway.host.ratelimit.LocalLimitStore;
import ai.dyad.gateway.host.ratelimit.RateLimitHandler;
import ai.dyad.gateway.host.ratelimit.RateLimitRejections;
import ai.dyad.gateway.host.ratelimit.RedisLimitStore;
import ai.dyad.gateway.host.ratelimit.TokenBudget;
import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import ai.dyad.gateway.host.registry.changes.RegistryChanges;
import ai.dyad.gateway.host.resilience.CircuitBreakers;
import ai.dyad.gateway.host.resilience.CircuitStates;
import ai.dyad.gateway.host.resilience.ProviderGuards;
import ai.dyad.gateway.host.resilience.RetryPolicy;
import ai.dyad.gateway.host.routing.CandidateOrder;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import ai.dyad.gateway.host.routing.Router;
import ai.dyad.gateway.host.routing.RoutingAdminModule;
import ai.dyad.gateway.host.secrets.ConfigSecrets;
import ai.dyad.gateway.host.secrets.SecretCipher;
import ai.dyad.gateway.host.secrets.SecretKeys;
import ai.dyad.gateway.host.usage.UsageAdminModule;
import ai.dyad.gateway.host.usage.UsageRecorder;
import ai.dyad.gateway.host.users.AdminBootstrap;
import ai.dyad.gateway.host.users.AdminLoginModule;
import ai.dyad.gateway.host.users.AdminSessions;
import ai.dyad.gateway.host.users.AdminTokens;
import ai.dyad.gateway.host.users.LoginThrottle;
import ai.dyad.gateway.host.users.PasswordHasher;
import ai.dyad.gateway.host.users.SigningSecret;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final LimitStore limits;
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
            LimitStore limits,
            Operations operations) {
        this.store = store;
        this.redis = redis;
        this.plugins = plugins;
        this.providers = providers;
        this.virtualThreads = virtualThreads;
        this.server = server;
        this.limits = limits;
        this.operations = operations;
    }

    /** Starts the gateway; {@code console} receives the one-time first-start messages. */
    public static Gateway start(GatewayConfig config, Clock clock, PrintStream console) {
        Store store = Store.open(config.mongodbUrl(), config.dataDir(), clock);
        store.migrations().applyPending();
        Optional<RedissonClient> redis = RedisConnection.open(config.redisUrl());
        ConfigSecrets providerSecrets =
                new ConfigSecrets(new SecretCipher(SecretKeys.load(config)), new ObjectMapper());
        // Created before the initial loads, so a change made meanwhile elsewhere is seen by the first poll.
        RegistryChanges changes = new RegistryChanges(store.changeCounters(), redis, config.registryRefresh());
        ApiKeySecrets secrets = new ApiKeySecrets(config.apiKeyPrefix());
        FirstStart.run(store, secrets, console);
        // One thread for periodic chores: key cache refresh, usage flush, expiry sweeps, Redis probes.
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dyad-housekeeping").daemon().factory());
        ApiKeyCache keys = new ApiKeyCache(store.apiKeys());
        KeyCacheSync keySync = new KeyCacheSync(
                        keys,
                        store.apiKeys(),
                        redis.<KeyChangeNotices>map(RedisKeyChangeNotices::new).orElseGet(KeyChangeNotices::none),
                        housekeeping,
                        clock)
                .start();
        ApiKeyCheck keyCheck = new ApiKeyCheck(keys, secrets, clock);
        LocalLimitStore localLimits = new LocalLimitStore(clock);
        housekeeping.scheduleWithFixedDelay(localLimits::sweep, 1, 1, TimeUnit.MINUTES);
        LimitStore limits = redis.<LimitStore>map(client -> new FailoverLimitStore(
                        new RedisLimitStore(client, Duration.ofSeconds(1)),
                        localLimits,
                        housekeeping,
                        Duration.ofMillis(500)))
                .orElse(localLimits);
        KeyLimits keyLimits = new KeyLimits(config.rateLimits());
        OperationsConfig ops = config.operations();
        GatewayMetrics metrics = GatewayMetrics.create();
        RateLimitRejections rateLimitRejections =
                ops.metricsEnabled() ? metrics::rateLimitRejected : RateLimitRejections.NONE;
        UsageRecorder usage = new UsageRecorder(store.usage(), store.apiKeys(), clock).start(housekeeping);
        // One observer for every provider call: the token budget and usage per request, metrics per attempt.
        List<CallObserver> callObservers = new ArrayList<>();
        callObservers.add(new TokenBudget(keyLimits, limits, rateLimitRejections));
        callObservers.add(usage);
        if (ops.metricsEnabled()) {
            callObservers.add(metrics.calls());
        }
        CallObserver callObserver = CallObserver.all(callObservers);
        PasswordHasher passwords = new PasswordHasher(config.auth().bcryptCost());
        config.auth().bootstrapAdmin().ifPresent(admin -> AdminBootstrap.run(admin, store.users(), passwords));
        AdminTokens adminTokens = new AdminTokens(
                SigningSecret.of(config.auth()),
                config.auth().accessTokenLifetime(),
                config.auth().refreshTokenLifetime(),
                clock);
        AdminSessions sessions = new AdminSessions(
                store.users(), store.refreshTokens(), adminTokens, passwords, new LoginThrottle(limits), clock);
        housekeeping.scheduleWithFixedDelay(sessions::deleteExpired, 1, 60, TimeUnit.MINUTES);
        PluginHost plugins = PluginHost.start(
                config.pluginsDir(), new StoredPluginStates(store.pluginStates()), config.pluginsHotDeploy());
        ProviderRuntime providers = new ProviderRuntime(store.providers(), plugins, clock, providerSecrets);
        providers.reload();
        plugins.onChange(providers::reload);
        metrics.watchPluginStates(plugins::countsByState);
        CircuitBreakers circuits = new CircuitBreakers(config.routing(), clock);
        metrics.watchCircuitBreakers(() -> circuitStates(circuits));
        ProviderHealth providerHealth = new ProviderHealth(circuits, clock);
        ProviderGuards guards = new ProviderGuards(
                circuits, RetryPolicy.exponential(config.routing().maxRetries()), providerHealth, clock);
        Router router = new Router(providers, store.aliases(), new CandidateOrder(new Random(), providerHealth));
        router.reloadAliases();
        changes.subscribe(ChangeKind.PROVIDERS, providers::reload);
        changes.subscribe(ChangeKind.API_KEYS, keys::reload);

        ObjectMapper json = JsonMappers.create();
        ErrorResponder errors = new ErrorResponder(json);
        // Tasks carry the submitting thread's logging context, so adapter threads log with the request id.
        ExecutorService virtualThreads = new LogContextExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Deadlines deadlines = Deadlines.start(Deadlines.DEFAULT_TICK);
        // Which models each key may use; every model until keys carry their own list.
        ModelAccess modelAccess = (caller, model) -> AllowedModels.permits(caller.allowedModels(), model);
        ModelLookup modelLookup = new ModelLookup(providers, modelAccess);
        BodyThenDispatch.BodyHandler chatHandler = new ChatCompletionsHandler(
                json, router, guards, errors, deadlines, clock, config.defaultTimeout(), callObserver);
        if (ops.cache().enabled()) {
            // Behind API-key auth and the request limit; checks the key's models itself before a lookup.
            chatHandler = new CachingChatHandler(
                    chatHandler,
                    ResponseCache.create(redis, ops.cache().ttl(), ops.cache().maxEntries(), clock, json),
                    ops.cache().disabledProviders(),
                    callObserver,
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
        HttpHandler embeddings = new BodyThenDispatch(
                new EmbeddingsHandler(json, modelLookup, virtualThreads, clock, config.defaultTimeout(), callObserver),
                virtualThreads,
                errors,
                config.maxRequestSize(),
                ops.http().requestBodyTimeout());
        UnaryOperator<HttpHandler> apiKeyAuth = next ->
                new ApiKeyAuth(new RateLimitHandler(next, keyLimits, limits, errors, rateLimitRejections), keyCheck);
        JsonResponses jsonResponses = new JsonResponses(json);
        AdminRoutes admin = new AdminRoutes(virtualThreads, errors, config.maxRequestSize());
        HealthChecker healthChecker = new HealthChecker(
                providers,
                providerHealth,
                store.providers(),
                virtualThreads,
                config.routing().healthCheckInterval(),
                clock);
        List<AdminModule> adminModules = List.of(
                new RoutingAdminModule(router, store.aliases(), jsonResponses),
                new ProviderChecksAdminModule(
                        providers,
                        circuits,
                        providerHealth,
                        healthChecker,
                        virtualThreads,
                        jsonResponses,
                        clock,
                        config.defaultTimeout()),
                new ApiKeyAdminModule(store.apiKeys(), store.users(), secrets, keySync, jsonResponses, clock),
                new UsageAdminModule(store.usage(), store.apiKeys(), usage, jsonResponses, clock),
                new ProvidersAdmin(new ProviderService(store.providers(), plugins, providerSecrets, changes), json),
                new PluginAdminModule(plugins, providers, jsonResponses, config.pluginUploadMaxSize()));
        adminModules.forEach(module -> module.register(admin));
        AdminRoutes openAdmin = new AdminRoutes(virtualThreads, errors, config.maxRequestSize());
        new AdminLoginModule(sessions, jsonResponses).register(openAdmin);
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
                        new ModelsHandler(json, providers, modelAccess),
                        new AdminAuth(admin.handler(), openAdmin.handler(), keyCheck, adminTokens),
                        detailedHealth(
                                new DetailedHealthHandler(
                                        store,
                                        redis,
                                        providers,
                                        providerHealth,
                                        circuits,
                                        plugins,
                                        jsonResponses,
                                        errors,
                                        virtualThreads,
                                        clock),
                                config,
                                keyCheck,
                                adminTokens),
                        embeddings),
                new Routes.OperatorEndpoints(
                        ops.metricsEnabled() ? new MetricsHandler(metrics) : null,
                        new OpenApiHandler(),
                        new DocsHandler()),
                apiKeyAuth,
                Middleware.edge(ops.http(), requestListeners, draining),
                errors);
        List<RouteTemplate> routeTemplates = new ArrayList<>(routes.templates());
        routeTemplates.addAll(admin.templates());
        routeTemplates.addAll(openAdmin.templates());

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
                // The h2c upgrade buffers a request body up to this size; bigger ones are over every body
                // limit, and BodyThenDispatch refuses them (see there).
                .setServerOption(
                        UndertowOptions.MAX_BUFFERED_REQUEST_SIZE,
                        (int) Math.min(
                                        Integer.MAX_VALUE - 1,
                                        Math.max(config.maxRequestSize(), config.pluginUploadMaxSize()))
                                + 1)
                .setHandler(routes.handler())
                .build();
        server.start();
        healthChecker.start();
        changes.start();
        // Run at shutdown in this order, after the requests in flight finished (or the grace period ended)
        // and the server stopped, before the plugins stop and the store closes.
        ShutdownSteps shutdownSteps = new ShutdownSteps()
                .add("stop health checks", healthChecker::close)
                .add("stop registry change notices", changes::close)
                .add("let adapter threads finish", () -> awaitAdapterThreads(virtualThreads))
                .add("stop the deadline ticker", deadlines::close)
                .add("flush usage", usage::close)
                .add("stop housekeeping", housekeeping::shutdownNow);
        Gateway gateway = new Gateway(
                store,
                redis,
                plugins,
                providers,
                virtualThreads,
                server,
                limits,
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

    /** Circuit states by provider name, for the circuit-breaker gauge (names are the bounded label). */
    private static Map<String, String> circuitStates(CircuitStates circuits) {
        Map<String, String> states = new LinkedHashMap<>();
        circuits.circuits().forEach(circuit -> states.put(circuit.providerName(), circuit.state()));
        return states;
    }

    /**
     * Lets work still running on virtual threads (an adapter call whose client left, a usage record) end
     * before the last usage flush; requests themselves have drained by now.
     */
    private static void awaitAdapterThreads(ExecutorService virtualThreads) throws InterruptedException {
        virtualThreads.shutdown();
        virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** {@code /health/detailed} is for operators: behind admin auth unless HEALTH_DETAILED_PUBLIC=true. */
    private static HttpHandler detailedHealth(
            HttpHandler handler, GatewayConfig config, ApiKeyCheck keys, AdminTokens tokens) {
        return config.routing().healthDetailedPublic() ? handler : new AdminAuth(handler, handler, keys, tokens);
    }

    /** The provider runtime, for tests and tools that change the registry under a running gateway. */
    public ProviderRuntime providers() {
        return providers;
    }

    /** The registry store of this running gateway (tests seed and edit providers through it). */
    public Store store() {
        return store;
    }

    /** The rate-limit store: Redis with local fallback, or local only (its getters feed metrics). */
    public LimitStore limitStore() {
        return limits;
    }

    /** The embedded store's connection string, for a second instance sharing it; empty with MongoDB. */
    public Optional<String> embeddedStoreUrl() {
        return store.embeddedUrl();
    }

    /**
     * Stops gracefully: new requests get a 503, requests and streams in flight get up to the grace period to
     * finish, the server stops, then the shutdown steps run (health checks and change notices stop, the last
     * usage is flushed), then the plugins, Redis and the store stop. Safe to call more than once; later calls
     * return at once.
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
