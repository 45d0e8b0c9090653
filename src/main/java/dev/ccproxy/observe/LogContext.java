package dev.ccproxy.observe;

import org.slf4j.MDC;

import java.util.Map;

/**
 * The request's ids in every log line written for it (SLF4J's MDC: log4j's pattern prints {@code %X{requestId}}, the
 * JSON layout prints every key). The request's own thread carries them from its first step to its last; work done for
 * it elsewhere (a stream's event loop) takes a copy along with {@link #capture} and runs inside it with {@link #run}.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String UPSTREAM_REQUEST_ID = "upstreamRequestId";

    private LogContext() {
    }

    /** The request's thread starts on its request (nothing of a request it may have served before stays). */
    public static void begin(String requestId) {
        MDC.remove(UPSTREAM_REQUEST_ID);
        MDC.put(REQUEST_ID, requestId);
    }

    /** The upstream's id of its answer ({@code x-request-id} and the like), once it has one. */
    public static void upstream(String upstreamRequestId) {
        if (upstreamRequestId != null) {
            MDC.put(UPSTREAM_REQUEST_ID, upstreamRequestId);
        }
    }

    /** A request's ids, to run something for it on another thread ({@link #run}). */
    public static Map<String, String> of(String requestId, String upstreamRequestId) {
        if (requestId == null) {
            return Map.of();
        }
        return upstreamRequestId == null ? Map.of(REQUEST_ID, requestId)
                : Map.of(REQUEST_ID, requestId, UPSTREAM_REQUEST_ID, upstreamRequestId);
    }

    /** The current thread's ids, to take to another thread (empty when it has none). */
    public static Map<String, String> capture() {
        Map<String, String> ids = MDC.getCopyOfContextMap();
        return ids == null ? Map.of() : ids;
    }

    /**
     * Runs {@code work} with {@code ids} in the log context of the current thread (an event loop, which serves many
     * requests one task at a time), and leaves the thread without them.
     */
    public static void run(Map<String, String> ids, Runnable work) {
        if (ids.isEmpty()) {
            work.run();
            return;
        }
        MDC.setContextMap(ids);
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }
}
