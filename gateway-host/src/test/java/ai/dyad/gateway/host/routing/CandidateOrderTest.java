package ai.dyad.gateway.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateOrderTest {

    @Test
    void splitsEqualPriorityByWeight() {
        CandidateOrder order = new CandidateOrder(new Random(42), id -> Standing.GOOD);
        List<Candidate> candidates = List.of(candidate("a", 0, 3), candidate("b", 0, 1));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            first.merge(order.order(candidates).getFirst().providerName(), 1, Integer::sum);
        }
        assertThat(first.get("a") / 100_000.0).isCloseTo(0.75, within(0.01));
        assertThat(first.get("b") / 100_000.0).isCloseTo(0.25, within(0.01));
    }

    @Test
    void keepsTheOtherEqualsAsFallbacks() {
        CandidateOrder order = new CandidateOrder(new Random(1), id -> Standing.GOOD);
        List<Candidate> ordered = order.order(List.of(candidate("a", 0, 1), candidate("b", 0, 1)));
        assertThat(ordered).extracting(Candidate::providerName).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void triesLowerPriorityNumbersFirst() {
        CandidateOrder order = new CandidateOrder(new Random(7), id -> Standing.GOOD);
        List<Candidate> ordered =
                order.order(List.of(candidate("late", 5, 100), candidate("early", 0, 1), candidate("mid", 2, 1)));
        assertThat(ordered).extracting(Candidate::providerName).containsExactly("early", "mid", "late");
    }

    @Test
    void movesAFailedCheckToTheBackAndDegradedBehindItsPeers() {
        Map<String, Standing> standings = Map.of("bad", Standing.BAD, "degraded", Standing.DEGRADED);
        CandidateOrder order = new CandidateOrder(new Random(3), id -> standings.getOrDefault(id, Standing.GOOD));
        for (int i = 0; i < 50; i++) {
            List<Candidate> ordered = order.order(List.of(
                    candidate("bad", 0, 1000),
                    candidate("degraded", 0, 1000),
                    candidate("good", 0, 1),
                    candidate("backup", 1, 1)));
            assertThat(ordered)
                    .extracting(Candidate::providerName)
                    .containsExactly("good", "degraded", "backup", "bad");
        }
    }

    static Candidate candidate(String name, int priority, int weight) {
        Provider provider = new Provider(
                name,
                name,
                "http-echo",
                true,
                Map.of(),
                List.of(ProviderModel.named("m")),
                priority,
                weight,
                null,
                null,
                null,
                null,
                1);
        return new Candidate(
                new LiveProvider(provider, (ai.dyad.gateway.api.ModelAdapter) null, "not started in this test"), "m");
    }
}
