package ai.dyad.gateway.host.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Puts a model's candidates in the order to try them: bad providers last, then by priority (lower first),
 * degraded after good ones of the same priority, and, among equals, a weighted random order, so traffic
 * splits by weight and the rest are the fallbacks.
 */
public final class CandidateOrder {

    private final RandomGenerator random;
    private final Standing.Source standings;

    /** @param random seed it in tests for a repeatable split; it must be safe for concurrent use */
    public CandidateOrder(RandomGenerator random, Standing.Source standings) {
        this.random = random;
        this.standings = standings;
    }

    public List<Candidate> order(List<Candidate> candidates) {
        if (candidates.size() < 2) {
            return candidates;
        }
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            ranked.add(new Ranked(c, standings.of(c.provider().provider().id())));
        }
        ranked.sort(Comparator.comparingInt(Ranked::tier)
                .thenComparingInt(r -> r.candidate().provider().provider().priority())
                .thenComparingInt(r -> r.standing() == Standing.DEGRADED ? 1 : 0));
        List<Candidate> ordered = new ArrayList<>(candidates.size());
        int start = 0;
        while (start < ranked.size()) {
            int end = start + 1;
            while (end < ranked.size() && sameRank(ranked.get(start), ranked.get(end))) {
                end++;
            }
            shuffleByWeight(ranked.subList(start, end), ordered);
            start = end;
        }
        return ordered;
    }

    /** Weighted sampling without replacement: each pick takes a candidate with chance weight / remaining. */
    private void shuffleByWeight(List<Ranked> group, List<Candidate> into) {
        List<Ranked> left = new ArrayList<>(group);
        while (left.size() > 1) {
            long total = 0;
            for (Ranked r : left) {
                total += r.weight();
            }
            long pick = random.nextLong(total);
            int chosen = 0;
            while (pick >= left.get(chosen).weight()) {
                pick -= left.get(chosen).weight();
                chosen++;
            }
            into.add(left.remove(chosen).candidate());
        }
        into.add(left.getFirst().candidate());
    }

    private static boolean sameRank(Ranked a, Ranked b) {
        return a.tier() == b.tier()
                && a.candidate().provider().provider().priority()
                        == b.candidate().provider().provider().priority()
                && (a.standing() == Standing.DEGRADED) == (b.standing() == Standing.DEGRADED);
    }

    private record Ranked(Candidate candidate, Standing standing) {
        int tier() {
            return standing == Standing.BAD ? 1 : 0;
        }

        long weight() {
            return Math.max(1, candidate.provider().provider().weight());
        }
    }
}
