package dev.ccproxy.soak;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults the soak's upstream injects. A request names its fault in its text ({@code fault:overloaded-503}), which
 * the proxy passes upstream untouched, so the load client knows what it asked for and the stub what to do: the plan
 * is the client's, drawn from a seeded random sequence, and both sides count it.
 *
 * <p>Each fault says what the client must then get: the {@code status} and Anthropic {@code errorType} of the answer
 * when the fault reaches the client, and, for a failing HTTP status before the answer starts, whether the proxy retries
 * it ({@code proxy.upstream.max-retries}): a fault on fewer attempts than the retries allow is retried away and ends
 * as a whole answer.
 */
enum UpstreamFault {

    /** 500 on the first attempt only: retried, so the client gets the whole answer. */
    FAILS_ONCE_500(Where.BEFORE_ANSWER, 500, 1, true, 500, "api_error"),
    /** 503 on every attempt: the retries run out and the client gets 529. */
    OVERLOADED_503(Where.BEFORE_ANSWER, 503, Integer.MAX_VALUE, true, 529, "overloaded_error"),
    /** 429 asking for one second, once: the proxy waits that second and retries. */
    RATE_LIMITED_BRIEFLY(Where.BEFORE_ANSWER, 429, 1, true, 429, "rate_limit_error"),
    /** 429 asking for a minute: longer than the proxy waits, so it goes straight to the client with its retry-after. */
    RATE_LIMITED_LONG(Where.BEFORE_ANSWER, 429, Integer.MAX_VALUE, false, 429, "rate_limit_error"),
    /** The connection closed after half the deltas. */
    RESET_MID_STREAM(Where.MID_STREAM, 200, 1, false, 200, "api_error"),
    /** The body ended cleanly after half the deltas: no finish reason, no {@code [DONE]}. */
    TRUNCATED_STREAM(Where.MID_STREAM, 200, 1, false, 200, "api_error"),
    /** An OpenAI error chunk after half the deltas. */
    ERROR_CHUNK(Where.MID_STREAM, 200, 1, false, 200, "api_error"),
    /** Silence after half the deltas: the proxy's idle timeout ({@code proxy.upstream.idle-timeout-seconds}) ends it. */
    STALLED_STREAM(Where.MID_STREAM, 200, 1, false, 200, "timeout_error"),
    /**
     * A whole answer's connection closed halfway through its body, on every attempt: nothing of it has reached the
     * client, so the proxy retries; the retries run out and the client gets 502.
     */
    RESET_MID_BODY(Where.MID_BODY, 200, Integer.MAX_VALUE, true, 502, "api_error"),
    /** A whole answer that is not JSON. */
    MALFORMED_BODY(Where.MID_BODY, 200, 1, false, 502, "api_error"),
    /** A whole answer that never comes: the first-byte timeout ends it (not retried). */
    STALLED_ANSWER(Where.MID_BODY, 200, 1, false, 504, "timeout_error");

    /** Where the fault strikes: before the answer starts (an HTTP status), inside a stream, inside a whole body. */
    enum Where { BEFORE_ANSWER, MID_STREAM, MID_BODY }

    private static final Pattern MARKER = Pattern.compile("fault:([a-z0-9-]+)");

    private final Where where;
    private final int upstreamStatus;
    /** The attempts of a request that fail, from the first (Integer.MAX_VALUE: every one). */
    private final int failingAttempts;
    private final boolean retried;
    private final int status;
    private final String errorType;

    UpstreamFault(Where where, int upstreamStatus, int failingAttempts, boolean retried, int status,
            String errorType) {
        this.where = where;
        this.upstreamStatus = upstreamStatus;
        this.failingAttempts = failingAttempts;
        this.retried = retried;
        this.status = status;
        this.errorType = errorType;
    }

    /** What goes in the request's text. */
    String marker() {
        return "fault:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The fault a request's body names, or null. */
    static UpstreamFault in(String body) {
        Matcher marker = MARKER.matcher(body);
        return marker.find() ? valueOf(marker.group(1).toUpperCase(Locale.ROOT).replace('-', '_')) : null;
    }

    /** The faults a request of this kind can carry. */
    static List<UpstreamFault> forRequest(boolean stream) {
        return Arrays.stream(values()).filter(fault -> fault.where == Where.BEFORE_ANSWER
                || fault.where == (stream ? Where.MID_STREAM : Where.MID_BODY)).toList();
    }

    /** Whether the proxy, allowed {@code maxRetries}, should turn this fault into a whole answer. */
    boolean retriedAway(int maxRetries) {
        return retried && failingAttempts <= maxRetries;
    }

    /** How many calls of one request get the fault, when the proxy may retry {@code maxRetries} times. */
    int attemptsStruck(int maxRetries) {
        return retried ? Math.min(failingAttempts, maxRetries + 1) : 1;
    }

    /** Whether the {@code attempt}-th call (from 1) of a request gets the fault. */
    boolean strikes(int attempt) {
        return attempt <= failingAttempts;
    }

    Where where() {
        return where;
    }

    int upstreamStatus() {
        return upstreamStatus;
    }

    /** The HTTP status the client gets when the fault reaches it (200 for a stream that had begun). */
    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
