package dev.ccproxy.soak;

import dev.ccproxy.soak.OutcomeClassifier.Outcome;
import dev.ccproxy.soak.OutcomeClassifier.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcomes of one phase's requests, counted as the client loops report them: by outcome, by request kind, and for
 * each injected fault how it ended; the first unexplained endings are kept whole, for the report.
 */
final class OutcomeTally {

    private static final int EXAMPLES_KEPT = 20;

    private final Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
    private final Map<String, Long> byKind = new TreeMap<>();
    private final Map<UpstreamFault, Map<Outcome, Long>> byFault = new EnumMap<>(UpstreamFault.class);
    private final List<String> unexplained = new ArrayList<>();

    synchronized void add(RequestPlan plan, Verdict verdict) {
        byOutcome.merge(verdict.outcome(), 1L, Long::sum);
        byKind.merge(plan.kind(), 1L, Long::sum);
        if (plan.fault() != null) {
            byFault.computeIfAbsent(plan.fault(), fault -> new EnumMap<>(Outcome.class))
                    .merge(verdict.outcome(), 1L, Long::sum);
        }
        if (verdict.outcome() == Outcome.UNEXPLAINED && unexplained.size() < EXAMPLES_KEPT) {
            unexplained.add(plan + ": " + verdict.why());
        }
    }

    synchronized long requests() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long count(Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    synchronized Map<String, Long> byKind() {
        return new TreeMap<>(byKind);
    }

    /** How the requests that carried {@code fault} ended. */
    synchronized long count(UpstreamFault fault, Outcome outcome) {
        return byFault.getOrDefault(fault, Map.of()).getOrDefault(outcome, 0L);
    }

    synchronized long injected(UpstreamFault fault) {
        return byFault.getOrDefault(fault, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized List<String> unexplainedExamples() {
        return List.copyOf(unexplained);
    }
}
