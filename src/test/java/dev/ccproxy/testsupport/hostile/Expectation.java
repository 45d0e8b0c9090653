package dev.ccproxy.testsupport.hostile;

/** What a hostile request may get back, beyond what every answer must be (no 5xx, errors in Anthropic's envelope). */
public enum Expectation {
    /** A request the proxy must serve: 2xx. */
    ACCEPTED,
    /** A request no reading of which is valid: a 4xx. */
    REJECTED,
    /** Hostile but perhaps valid: any answer but a 5xx. */
    ANSWERED,
    /**
     * The client broke off its own upload (it declared more bytes than it sent, then stopped sending): the proxy may
     * answer 4xx or close the connection, as it would for a client that left.
     */
    ANSWERED_OR_CLOSED;

    /** The stricter of two: a request rejected for one reason stays rejected whatever else it is. */
    Expectation and(Expectation other) {
        if (this == ANSWERED_OR_CLOSED || other == ANSWERED_OR_CLOSED) {
            return ANSWERED_OR_CLOSED;
        }
        if (this == REJECTED || other == REJECTED) {
            return REJECTED;
        }
        return this == ACCEPTED && other == ACCEPTED ? ACCEPTED : ANSWERED;
    }
}
