package dev.ccproxy.soak;

import dev.ccproxy.soak.OutcomeClassifier.Outcome;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Everything one soak measured: the warm-up's and the soak's outcomes, the proxy at rest before and after the soak,
 * and its resources sampled under load.
 *
 * @param seconds the soak's measured length, as it ran
 */
record SoakResults(SoakOptions options, OutcomeTally warmUp, OutcomeTally soak, Checkpoint start, Checkpoint end,
        List<Sample> samples, boolean proxyAlive, ProxyLogErrors logErrors, double seconds) {

    /** The proxy's resources at a moment of the soak, and the requests sent by then. */
    record Sample(long second, ProcessResources resources, long requests) {
    }

    long count(Outcome outcome) {
        return warmUp.count(outcome) + soak.count(outcome);
    }

    long injected(UpstreamFault fault) {
        return warmUp.injected(fault) + soak.injected(fault);
    }

    /** The highest sample of a figure under load (-1 without samples). */
    long max(ToLongFunction<ProcessResources> figure) {
        return samples.stream().mapToLong(sample -> figure.applyAsLong(sample.resources())).max().orElse(-1);
    }
}
