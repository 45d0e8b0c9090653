package dev.ccproxy.soak;

import dev.ccproxy.bench.BenchmarkStub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's upstream: the benchmark's stub, with the {@link UpstreamFault} a request names injected on the attempts
 * it names, and a count of everything the proxy did to it, which {@code GET /soak/counts} answers ({@link
 * UpstreamCounts}). Runs on the stub's one event loop, so its state needs no locks.
 *
 * <p>The attempts of one request are told apart from other requests by its {@code safety_identifier} (the proxy's
 * hash of the client's {@code metadata.user_id}, which the soak makes unique to each request): the proxy sends a
 * retry with the same body, so the stub can fail the first attempt and answer the second.
 */
final class FaultInjector implements BenchmarkStub.Interceptor {

    private static final Pattern CALLER = Pattern.compile("\"safety_identifier\":\"([0-9a-f]+)\"");
    private static final String ERROR_BODY = "{\"error\":{\"message\":\"injected %s\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":null}}";
    private static final Buffer ERROR_CHUNK = Buffer.buffer("data: " + ERROR_BODY.formatted("error chunk") + "\n\n");
    /** Half a whole answer: a body cut off, or one that is not JSON. */
    private static final String HALF_AN_ANSWER = BenchmarkStub.COMPLETION.substring(0,
            BenchmarkStub.COMPLETION.length() / 2);
    /** How long an attempt count is kept: far longer than a request's retries take (seconds). */
    private static final long ATTEMPTS_KEPT_MILLIS = 120_000;

    private final Vertx vertx;
    private final UpstreamCounts counts = new UpstreamCounts();
    /** Attempts so far of each request that named a fault before its answer, and when the first came. */
    private final Map<String, long[]> attempts = new HashMap<>();

    FaultInjector(Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(ATTEMPTS_KEPT_MILLIS, id -> forgetOldAttempts());
    }

    @Override
    public boolean intercept(HttpServerRequest request, String body, BenchmarkStub stub) {
        if (request.path().equals("/soak/counts")) {
            request.response().putHeader("Content-Type", "application/json").end(counts.json());
            return true;
        }
        UpstreamFault fault = UpstreamFault.in(body);
        boolean strikes = fault != null && strikes(fault, body);
        UpstreamCounts.Call call = counts.called(request.response(), strikes ? fault : null);
        if (!strikes) {
            return false;
        }
        HttpServerResponse response = request.response();
        BenchmarkStub.Pacing pacing = BenchmarkStub.Pacing.of(body);
        int half = pacing.deltas() / 2;
        switch (fault) {
            case FAILS_ONCE_500, OVERLOADED_503, RATE_LIMITED_BRIEFLY, RATE_LIMITED_LONG -> failWithStatus(response,
                    fault);
            case RESET_MID_STREAM -> stub.streamChat(response, half, pacing.gapMillis(),
                    () -> counts.closeByStub(call, response));
            case TRUNCATED_STREAM -> stub.streamChat(response, half, pacing.gapMillis(), response::end);
            case ERROR_CHUNK -> stub.streamChat(response, half, pacing.gapMillis(), () -> response.end(ERROR_CHUNK));
            case STALLED_STREAM -> stub.streamChat(response, half, pacing.gapMillis(), () -> {
                // nothing more: the proxy must give up on its own
            });
            case RESET_MID_BODY -> {
                response.putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", Integer.toString(BenchmarkStub.COMPLETION.length()))
                        .write(HALF_AN_ANSWER);
                vertx.setTimer(pacing.gapMillis(), id -> counts.closeByStub(call, response));
            }
            case MALFORMED_BODY -> response.putHeader("Content-Type", "application/json").end(HALF_AN_ANSWER);
            case STALLED_ANSWER -> {
                // no answer at all: the proxy's read timeout must end the call
            }
        }
        return true;
    }

    /** Whether this attempt of the request gets its fault (a fault before the answer may spare later attempts). */
    private boolean strikes(UpstreamFault fault, String body) {
        if (fault.where() != UpstreamFault.Where.BEFORE_ANSWER) {
            return true;
        }
        Matcher caller = CALLER.matcher(body);
        if (!caller.find()) {
            throw new IllegalStateException("a request with " + fault + " came without its safety_identifier");
        }
        long[] seen = attempts.computeIfAbsent(caller.group(1), key -> new long[] {0, System.currentTimeMillis()});
        seen[0]++;
        boolean strikes = fault.strikes((int) seen[0]);
        if (!strikes) {
            attempts.remove(caller.group(1));
        }
        return strikes;
    }

    private void failWithStatus(HttpServerResponse response, UpstreamFault fault) {
        response.setStatusCode(fault.upstreamStatus()).putHeader("Content-Type", "application/json");
        if (fault == UpstreamFault.RATE_LIMITED_BRIEFLY) {
            response.putHeader("retry-after", "1");
        } else if (fault == UpstreamFault.RATE_LIMITED_LONG) {
            response.putHeader("retry-after", "60");
        }
        response.end(ERROR_BODY.formatted(fault.marker()));
    }

    /** Requests whose every attempt fails never come back for the answer that would end their count. */
    private void forgetOldAttempts() {
        long before = System.currentTimeMillis() - ATTEMPTS_KEPT_MILLIS;
        attempts.values().removeIf(seen -> seen[1] < before);
    }

    public static void main(String[] args) throws Exception {
        BenchmarkStub.serve(vertx -> new BenchmarkStub(vertx, new FaultInjector(vertx)));
    }
}
