package ai.dyad.gateway.host.routing;

import ai.dyad.gateway.host.registry.ProviderModel;

/** One way to serve a requested model: a provider and its name for the model. */
public record Route(LiveProvider provider, ProviderModel model) {}
