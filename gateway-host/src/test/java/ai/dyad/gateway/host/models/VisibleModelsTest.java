package ai.dyad.gateway.host.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.routing.LiveProvider;
import ai.dyad.gateway.host.routing.Route;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisibleModelsTest {

    private static final ApiKey ALICE = new ApiKey("k1", "alice", "sk-dyad-a", "hash-a", Set.of("models"), true, null);
    private static final ApiKey BOB = new ApiKey("k2", "bob", "sk-dyad-b", "hash-b", Set.of("models"), true, null);

    private final Map<String, List<Route>> served = served();

    @Test
    void everyModelIsVisibleByDefault() {
        assertThat(VisibleModels.all(served, ALICE, ModelAccess.everyModel()))
                .extracting(VisibleModels.Entry::id)
                .containsExactly("gpt-4.1", "org/model:v1", "local");
    }

    @Test
    void aKeySeesOnlyTheModelsItMayUse() {
        ModelAccess onlyAliceUsesLocal = (caller, model) -> !model.equals("local") || caller == ALICE;

        assertThat(VisibleModels.all(served, BOB, onlyAliceUsesLocal))
                .extracting(VisibleModels.Entry::id)
                .containsExactly("gpt-4.1", "org/model:v1");
        assertThat(VisibleModels.one(served, BOB, onlyAliceUsesLocal, "local")).isEmpty();
        assertThat(VisibleModels.one(served, ALICE, onlyAliceUsesLocal, "local"))
                .hasValueSatisfying(entry -> assertThat(entry.ownedBy()).isEqualTo("laptop"));
    }

    @Test
    void ownerAndCreationComeFromThePreferredProvider() {
        assertThat(VisibleModels.one(served, ALICE, ModelAccess.everyModel(), "gpt-4.1"))
                .contains(new VisibleModels.Entry("gpt-4.1", 1_700_000_000L, "openai"));
    }

    private static Map<String, List<Route>> served() {
        LiveProvider openai = live("openai", Instant.ofEpochSecond(1_700_000_000L));
        LiveProvider backup = live("backup", Instant.ofEpochSecond(1_800_000_000L));
        LiveProvider laptop = live("laptop", null);
        Map<String, List<Route>> served = new LinkedHashMap<>();
        served.put(
                "gpt-4.1",
                List.of(
                        new Route(openai, ProviderModel.named("gpt-4.1")),
                        new Route(backup, ProviderModel.named("gpt-4.1"))));
        served.put("org/model:v1", List.of(new Route(openai, ProviderModel.named("org/model:v1"))));
        served.put("local", List.of(new Route(laptop, ProviderModel.named("local"))));
        return served;
    }

    private static LiveProvider live(String name, Instant created) {
        Provider provider = new Provider(
                "id-" + name,
                name,
                "openai-upstream",
                true,
                Map.of(),
                List.of(),
                0,
                1,
                null,
                null,
                created,
                created,
                0);
        return new LiveProvider(provider, null, null);
    }
}
