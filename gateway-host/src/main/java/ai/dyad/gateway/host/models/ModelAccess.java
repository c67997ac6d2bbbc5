package ai.dyad.gateway.host.models;

import ai.dyad.gateway.host.registry.ApiKey;

/**
 * Which models an API key may use: the one rule behind the {@code /v1/models} listing and every model call
 * (chat, embeddings). A model a key may not use looks exactly like one that does not exist.
 */
@FunctionalInterface
public interface ModelAccess {

    /** Whether {@code caller} may use {@code model}, the name clients ask for. */
    boolean allows(ApiKey caller, String model);

    /** Every key may use every model: the rule until keys carry their own list of allowed models. */
    static ModelAccess everyModel() {
        return (caller, model) -> true;
    }
}
