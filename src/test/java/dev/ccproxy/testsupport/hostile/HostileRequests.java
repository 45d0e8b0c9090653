package dev.ccproxy.testsupport.hostile;

import dev.ccproxy.testsupport.hostile.HostileRequest.Framing;
import dev.ccproxy.testsupport.hostile.HostileRequest.Pacing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Whole hostile requests: a target, a header set, a body, a framing and a pacing, drawn independently, so that every
 * kind of body meets every kind of header and framing. About one in 150 is a slow upload (a few pieces, a fraction
 * of a second apart) and one in 250 stalls, so that they stay few and short.
 */
public final class HostileRequests {

    private HostileRequests() {
    }

    public static Arbitrary<HostileRequest> any(FuzzLimits limits) {
        return Combinators.combine(Targets.any(), HostileHeaders.any(), HostileBodies.any(limits), framing(),
                pacing()).as(HostileRequest::new);
    }

    private static Arbitrary<Framing> framing() {
        return Arbitraries.frequencyOf(
                Tuple.of(400, Arbitraries.just(Framing.CONTENT_LENGTH)),
                Tuple.of(40, Arbitraries.just(Framing.CHUNKED)),
                Tuple.of(58, Arbitraries.of(Framing.NO_LENGTH, Framing.LENGTH_TOO_SHORT, Framing.LENGTH_TOO_LONG,
                        Framing.TWO_LENGTHS, Framing.LENGTH_AND_CHUNKED, Framing.NOT_A_NUMBER_LENGTH,
                        Framing.BROKEN_CHUNKS)),
                // each waits out a receive deadline: few
                Tuple.of(2, Arbitraries.of(Framing.STALLED_BODY, Framing.STALLED_HEADERS)));
    }

    private static Arbitrary<Pacing> pacing() {
        // at most three pauses of 150 ms: well within the receive deadlines the fuzz run sets
        Arbitrary<Pacing> slow = Combinators.combine(Arbitraries.integers().between(2, 4),
                Arbitraries.integers().between(50, 150)).as(Pacing::new);
        return Arbitraries.frequencyOf(Tuple.of(149, Arbitraries.just(Pacing.AT_ONCE)), Tuple.of(1, slow));
    }
}
