package ai.dyad.gateway.host.admin;

/**
 * One feature's part of the admin API (providers, keys, plugins, ...). The composition root lists the
 * modules; each registers its routes under {@code /admin}.
 */
public interface AdminModule {

    void register(AdminRoutes routes);
}
