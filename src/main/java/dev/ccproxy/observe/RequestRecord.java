package dev.ccproxy.observe;

import java.util.Locale;

/**
 * What one API request did, filled in as it goes (by the request's thread and, for a stream, its event loop) and read
 * once at its end, when the access line and the metrics are written from it. Time is kept as {@link System#nanoTime()}.
 *
 * <p>"Waiting on the upstream" is every attempt from its request being sent to its answer being read (a stream: to its
 * last event), plus the back-off between attempts; the proxy's own overhead is the rest of the request's time.
 */
public final class RequestRecord {

    /** How a request ended. */
    public enum Outcome {
        /** answered in full (a whole answer, or a stream to its {@code message_stop}) */
        COMPLETED,
        /** answered with an Anthropic error status */
        ERROR,
        /** a stream that had begun and ended with an {@code error} event */
        STREAM_FAILED,
        /** the client left before its answer was complete */
        CLIENT_GONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String requestId;
    private final String route;
    private final long startedAt;
    private volatile String requestedModel;
    private volatile String upstreamModel;
    private volatile String provider;
    private volatile String api;
    private volatile boolean stream;
    private volatile int status;
    private volatile String errorType;
    private volatile String errorMessage;
    private volatile Outcome outcome;
    private volatile String upstreamRequestId;
    private volatile int attempts;
    private volatile long attemptSentAt;
    private volatile long attemptEndedAt;
    private volatile long firstByteNanos = -1;
    /** The waits of the attempts before the current one, and the gaps between attempts (back-off, retry-after). */
    private volatile long closedNanos;
    /** The current attempt's wait, as far as it is known. */
    private volatile long attemptNanos;
    private volatile Tokens tokens;

    public RequestRecord(String requestId, String route) {
        this(requestId, route, System.nanoTime());
    }

    RequestRecord(String requestId, String route, long startedAt) {
        this.requestId = requestId;
        this.route = route;
        this.startedAt = startedAt;
    }

    /** Tokens as the answer's {@code usage} reported them (or as the proxy estimated them, when it did not). */
    public record Tokens(long input, long output, long cacheRead, long cacheCreation) {
    }

    /** Which model, provider and upstream API serve the request, once it has been read. */
    public void target(String requestedModel, String upstreamModel, String provider, String api, boolean stream) {
        this.requestedModel = requestedModel;
        this.upstreamModel = upstreamModel;
        this.provider = provider;
        this.api = api;
        this.stream = stream;
    }

    /**
     * An attempt's request is going upstream now (answers when). The time since the previous attempt ended (the
     * back-off, or the wait the upstream's retry-after asked for) counts as waiting on the upstream.
     */
    public long attemptStarted() {
        long now = System.nanoTime();
        if (attempts > 0) {
            closedNanos += attemptNanos + Math.max(0, now - attemptEndedAt);
            attemptNanos = 0;
        }
        attempts++;
        attemptSentAt = now;
        return now;
    }

    /** The upstream's answer to the current attempt began at {@code at} (its status line; a stream's first event). */
    public void firstByte(long at) {
        firstByteNanos = at - attemptSentAt;
    }

    /**
     * The current attempt's answer was over at {@code at}, as far as is known: its status line, then, once read, its
     * body; a stream's end; a failure. The latest call counts.
     */
    public void attemptEnded(long at) {
        attemptEndedAt = at;
        attemptNanos = Math.max(0, at - attemptSentAt);
    }

    public void upstreamRequestId(String id) {
        if (id != null && !id.isBlank()) {
            upstreamRequestId = id;
        }
    }

    /** The answer's token counts; null (an answer that gave none) keeps what is known. */
    public void tokens(Tokens reported) {
        if (reported != null) {
            tokens = reported;
        }
    }

    /** The status the client was answered with (a stream: 200, whatever its last event). */
    public void answered(int status) {
        this.status = status;
    }

    /** Answered with an Anthropic error; {@code message} is the one the client got (keys already redacted). */
    public void failed(int status, String errorType, String message) {
        this.status = status;
        this.errorType = errorType;
        this.errorMessage = message;
        if (outcome == null) {
            outcome = Outcome.ERROR;
        }
    }

    public void outcome(Outcome how) {
        outcome = how;
    }

    public String requestId() {
        return requestId;
    }

    public String route() {
        return route;
    }

    public String requestedModel() {
        return requestedModel;
    }

    public String upstreamModel() {
        return upstreamModel;
    }

    public String provider() {
        return provider;
    }

    public String api() {
        return api;
    }

    public boolean stream() {
        return stream;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /** How it ended: an error status is an error, anything else answered is complete, unless said otherwise. */
    public Outcome outcomeOr(Outcome fallback) {
        Outcome how = outcome;
        return how != null ? how : fallback;
    }

    public String upstreamRequestId() {
        return upstreamRequestId;
    }

    public int attempts() {
        return attempts;
    }

    /** Time to the upstream's first byte in the last attempt that got one; -1 when none did. */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    /** Time spent waiting on the upstream: every attempt, and the waits between them. */
    public long upstreamNanos() {
        return closedNanos + attemptNanos;
    }

    public Tokens tokens() {
        return tokens;
    }

    public long elapsedNanos(long now) {
        return now - startedAt;
    }
}
