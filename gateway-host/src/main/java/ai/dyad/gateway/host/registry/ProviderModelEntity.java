package ai.dyad.gateway.host.registry;

import dev.morphia.annotations.Entity;

/** The stored form of a {@link ProviderModel}, embedded in its provider. */
@Entity(useDiscriminator = false)
class ProviderModelEntity {
    String modelId;
    String adapterModelId;
    Integer maxTokens;
    boolean supportsStreaming;

    static ProviderModelEntity from(ProviderModel model) {
        ProviderModelEntity entity = new ProviderModelEntity();
        entity.modelId = model.modelId();
        entity.adapterModelId = model.adapterModelId();
        entity.maxTokens = model.maxTokens();
        entity.supportsStreaming = model.supportsStreaming();
        return entity;
    }

    ProviderModel toRecord() {
        return new ProviderModel(modelId, adapterModelId, maxTokens, supportsStreaming);
    }
}
