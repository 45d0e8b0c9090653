package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.StreamEvent;

import java.util.List;

/** Where translated events go: the client's HTTP response, or a list in tests. */
public interface EventSink {

    /** Sends the events in order; throws {@link ClientGoneException} once the client has left. */
    void send(List<StreamEvent> events);

    /** Whether the client has left (a failure of the upstream stream is then just the cancellation). */
    boolean clientGone();

    /** Thrown when the client closed the connection: the stream stops, nothing more is written. */
    final class ClientGoneException extends RuntimeException {
        public ClientGoneException() {
            super("The client closed the connection", null, false, false);
        }
    }
}
