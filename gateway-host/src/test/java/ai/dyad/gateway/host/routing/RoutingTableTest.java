package ai.dyad.gateway.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final RoutingTable table = RoutingTable.of(List.of(
            live("ollama", true, new ProviderModel("llama3:8b", "llama3:8b-q4", null, true)),
            live("anthropic", true, new ProviderModel("claude-*", null, null, true)),
            live("bedrock", true, new ProviderModel("claude-*", "anthropic.claude-*-v1", null, true)),
            live("pinned", true, new ProviderModel("gpt-*", "gpt-4o", null, true)),
            live("off", false, new ProviderModel("claude-*", null, null, true))));

    @Test
    void servesAModelFromEveryProviderThatListsIt() {
        assertThat(table.candidates("llama3:8b"))
                .extracting(Candidate::providerName, Candidate::adapterModelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ollama", "llama3:8b-q4"));
    }

    @Test
    void passesTheRequestedNameThroughAWildcardWithoutAFixedName() {
        assertThat(table.candidates("claude-sonnet-4"))
                .extracting(Candidate::providerName, Candidate::adapterModelId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("anthropic", "claude-sonnet-4"),
                        org.assertj.core.groups.Tuple.tuple("bedrock", "anthropic.claude-sonnet-4-v1"));
    }

    @Test
    void usesAFixedNameWhenThePatternGivesOne() {
        assertThat(table.candidates("gpt-anything"))
                .extracting(Candidate::adapterModelId)
                .containsExactly("gpt-4o");
    }

    @Test
    void leavesOutDisabledProvidersAndUnmatchedNames() {
        assertThat(table.candidates("claude-x"))
                .extracting(Candidate::providerName)
                .doesNotContain("off");
        assertThat(table.candidates("mistral")).isEmpty();
        assertThat(table.candidates("claude")).isEmpty();
    }

    @Test
    void listsOnlyExactModelsButShowsPatternsApart() {
        assertThat(table.all()).containsOnlyKeys("llama3:8b");
        assertThat(table.patterns()).containsOnlyKeys("claude-*", "gpt-*");
    }

    @Test
    void matchesPatternCharactersLiterally() {
        RoutingTable dotted = RoutingTable.of(List.of(live("p", true, new ProviderModel("v1.*", null, null, true))));
        assertThat(dotted.candidates("v1.5")).hasSize(1);
        assertThat(dotted.candidates("v1x5")).isEmpty();
    }

    private static LiveProvider live(String name, boolean enabled, ProviderModel model) {
        return new LiveProvider(
                new Provider(
                        name, name, "http-echo", enabled, Map.of(), List.of(model), 0, 1, null, null, null, null, 1),
                (ai.dyad.gateway.api.ModelAdapter) null,
                "not started in this test");
    }
}
