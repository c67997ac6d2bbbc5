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
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.chat.ChatCompletionsHandler;
import ai.dyad.gateway.host.config.GatewayConfig;
import ai.dyad.gateway.host.embeddings.EmbeddingsHandler;
import ai.dyad.gateway.host.firstrun.FirstStart;
import ai.dyad.gateway.host.health.DetailedHealthHandler;
import ai.dyad.gateway.host.health.HealthChecker;
import ai.dyad.gateway.host.health.HealthHandler;
import ai.dyad.gateway.host.health.ProviderChecksAdminModule;
import ai.dyad.gateway.host.health.ProviderHealth;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.http.Routes;
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
import ai.dyad.gateway.host.ratelimit.RedisLimitStore;
import ai.dyad.gateway.host.ratelimit.TokenBudget;
import ai.dyad.gateway.host.redis.RedisConnection;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.changes.ChangeKind;
import ai.dyad.gateway.host.registry.changes.RegistryChanges;
import ai.dyad.gateway.host.resilience.CircuitBreakers;
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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part by hand, in start order, and stops them in reverse. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Store store;
    private final Optional<RedissonClient> redis;
    private final RegistryChanges changes;
    private final PluginHost plugins;
    private final ProviderRuntime providers;
    private final ExecutorService virtualThreads;
    private final Undertow server;
    private final HealthChecker healthChecker;
    private final ScheduledExecutorService housekeeping;
    private final UsageRecorder usage;
    private final LimitStore limits;

    private Gateway(
            Store store,
            Optional<RedissonClient> redis,
            RegistryChanges changes,
            PluginHost plugins,
            ProviderRuntime providers,
            ExecutorService virtualThreads,
            Undertow server,
            HealthChecker healthChecker,
            ScheduledExecutorService housekeeping,
            UsageRecorder usage,
            LimitStore limits) {
        this.store = store;
        this.redis = redis;
        this.changes = changes;
        this.plugins = plugins;
        this.providers = providers;
        this.virtualThreads = virtualThreads;
        this.server = server;
        this.healthChecker = healthChecker;
        this.housekeeping = housekeeping;
        this.usage = usage;
        this.limits = limits;
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
        UsageRecorder usage = new UsageRecorder(store.usage(), store.apiKeys(), clock).start(housekeeping);
        CallObserver callObserver = CallObserver.all(List.of(new TokenBudget(keyLimits, limits), usage));
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
        CircuitBreakers circuits = new CircuitBreakers(config.routing(), clock);
        ProviderHealth providerHealth = new ProviderHealth(circuits, clock);
        ProviderGuards guards = new ProviderGuards(
                circuits, RetryPolicy.exponential(config.routing().maxRetries()), providerHealth, clock);
        Router router = new Router(providers, store.aliases(), new CandidateOrder(new Random(), providerHealth));
        router.reloadAliases();
        changes.subscribe(ChangeKind.PROVIDERS, providers::reload);
        changes.subscribe(ChangeKind.API_KEYS, keys::reload);

        ObjectMapper json = new ObjectMapper();
        ErrorResponder errors = new ErrorResponder(json);
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        // Which models each key may use; every model until keys carry their own list.
        ModelAccess modelAccess = (caller, model) -> AllowedModels.permits(caller.allowedModels(), model);
        ModelLookup modelLookup = new ModelLookup(providers, modelAccess);
        HttpHandler chat = new BodyThenDispatch(
                new ChatCompletionsHandler(
                        json, router, guards, errors, virtualThreads, clock, config.defaultTimeout(), callObserver),
                virtualThreads,
                errors,
                config.maxRequestSize());
        HttpHandler embeddings = new BodyThenDispatch(
                new EmbeddingsHandler(json, modelLookup, virtualThreads, clock, config.defaultTimeout()),
                virtualThreads,
                errors,
                config.maxRequestSize());
        UnaryOperator<HttpHandler> apiKeyAuth = next -> new ApiKeyAuth(
                new RateLimitHandler(next, keyLimits, limits, redis.isPresent(), virtualThreads, errors), keyCheck);
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
        HttpHandler routes = Routes.build(
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
        healthChecker.start();
        changes.start();
        Gateway gateway = new Gateway(
                store,
                redis,
                changes,
                plugins,
                providers,
                virtualThreads,
                server,
                healthChecker,
                housekeeping,
                usage,
                limits);
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

    @Override
    public void close() {
        healthChecker.close();
        changes.close();
        server.stop();
        // Let requests in flight record their usage before the last flush; streams end as sockets close.
        virtualThreads.shutdown();
        try {
            virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        virtualThreads.shutdownNow();
        usage.close();
        housekeeping.shutdownNow();
        providers.close();
        plugins.close();
        redis.ifPresent(RedissonClient::shutdown);
        store.close();
    }
}
