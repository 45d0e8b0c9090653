package dev.ccproxy.tracing;

/**
 * The span of one streamed upstream call (one attempt: a retry is another), which the proxy makes with Vert.x's client
 * rather than through a Camel endpoint, so Camel does not trace it. It ends once, when the attempt fails before its
 * stream began or when the stream is over however it ended (completed, failed, cut by the proxy, its client gone).
 */
public interface StreamSpan {

    /** Tracing off: nothing is recorded. */
    StreamSpan NONE = new StreamSpan() {
        @Override
        public void failed(int status, Throwable failure) {
        }

        @Override
        public void ended(String outcome, boolean error) {
        }
    };

    /**
     * The upstream refused or could not be reached before its stream began.
     *
     * @param status the upstream's HTTP status, or 0 when it gave none
     */
    void failed(int status, Throwable failure);

    /**
     * @param outcome how the relay ended, {@code COMPLETED}, {@code FAILED} or {@code CLIENT_GONE} (the relay's
     *                outcome's name: no string is made for it while tracing is off), recorded in lower case
     */
    void ended(String outcome, boolean error);
}
