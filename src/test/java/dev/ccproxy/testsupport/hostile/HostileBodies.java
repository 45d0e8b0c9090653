package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Every kind of request body the fuzzer sends, in proportions that give each kind hundreds of cases in a 1,000-case
 * run: valid ones (the control: the proxy must serve them), wrong types, missing nodes, unknown blocks, invalid JSON,
 * invalid UTF-8, huge strings and collections, deep nesting, and bodies at and above the body limit.
 */
public final class HostileBodies {

    private HostileBodies() {
    }

    public static Arbitrary<HostileBody> any(FuzzLimits limits) {
        int maxBodyBytes = limits.maxBodyBytes();
        return Arbitraries.frequencyOf(
                Tuple.of(2, valid()),
                Tuple.of(5, WrongTypeBodies.wrongTypes()),
                Tuple.of(2, WrongTypeBodies.missingNodes()),
                Tuple.of(4, UnknownBlockBodies.unknownBlocks()),
                Tuple.of(4, MalformedBodies.invalidJson()),
                Tuple.of(2, MalformedBodies.invalidUtf8()),
                Tuple.of(2, ExtremeBodies.hugeStrings(maxBodyBytes)),
                Tuple.of(1, ExtremeBodies.hugeCollections(limits)),
                Tuple.of(2, ExtremeBodies.deepNesting(limits)),
                Tuple.of(1, sized(maxBodyBytes)));
    }

    public static Arbitrary<HostileBody> valid() {
        return ValidRequests.any().map(request -> new HostileBody("valid", "a valid request",
                JsonText.utf8(JsonText.write(request)), Expectation.ACCEPTED, Expectation.ACCEPTED));
    }

    /** Exactly at the limit (served), or one byte to a few times over it (413). */
    private static Arbitrary<HostileBody> sized(int maxBodyBytes) {
        Arbitrary<HostileBody> atLimit = ValidRequests.any().map(request -> padded(request, maxBodyBytes))
                .map(body -> new HostileBody("at-body-limit", body.length + " bytes", body, Expectation.ACCEPTED,
                        Expectation.ACCEPTED));
        Arbitrary<HostileBody> over = Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(maxBodyBytes + 1)),
                        Tuple.of(3, Arbitraries.integers().between(maxBodyBytes + 2, maxBodyBytes * 4)))
                .flatMap(size -> ValidRequests.any().map(request -> padded(request, size)))
                .map(body -> new HostileBody("over-body-limit", body.length + " bytes", body, Expectation.REJECTED,
                        Expectation.REJECTED));
        return Arbitraries.oneOf(atLimit, over);
    }

    /** {@code request} with a padding field that makes it exactly {@code size} bytes (an unknown field: ignored). */
    private static byte[] padded(ObjectNode request, int size) {
        ObjectNode copy = request.deepCopy().put("padding", "");
        int missing = size - JsonText.utf8(JsonText.write(copy)).length;
        copy.put("padding", "p".repeat(Math.max(0, missing)));
        return JsonText.utf8(JsonText.write(copy));
    }
}
