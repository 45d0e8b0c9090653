package dev.ccproxy.stream;

import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.UpstreamSilence;
import dev.ccproxy.error.UpstreamStreamException;
import dev.ccproxy.translate.common.EventSink;
import dev.ccproxy.translate.common.SseEvent;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One stream's relay, whatever the upstream API: upstream bytes in, as they arrive and in pieces of any size, Anthropic
 * events out to the client, through the stream's translator. It is driven by whoever reads the upstream (the event
 * loop's {@link UpstreamPipe}, or a test feeding recorded bytes), and never blocks.
 *
 * <p>{@code message_start} goes out first. Once the stream has begun, every failure (an error event, a malformed event,
 * a reset, an idle timeout, a stream cut off before the answer ended, a fault of the proxy's own) becomes one Anthropic
 * {@code error} event, and the stream ends there.
 */
public final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);

    /** How the relay ended. */
    public enum Outcome { COMPLETED, FAILED, CLIENT_GONE }

    private final SseDecoder decoder = new SseDecoder();
    private final UpstreamToAnthropicStream translator;
    private final EventSink client;
    private final UsageCounts usage = new UsageCounts();
    private Outcome outcome;

    public StreamRelay(UpstreamToAnthropicStream translator, EventSink client) {
        this.translator = translator;
        this.client = client;
    }

    /** {@code message_start} and a {@code ping}, before the first upstream event. */
    public void begin() {
        run(() -> send(translator.start()));
    }

    /** Bytes from the upstream. Answers whether more are wanted (false once the stream is over, however). */
    public boolean onBytes(byte[] bytes, int offset, int length) {
        run(() -> {
            for (SseEvent event : decoder.decode(bytes, offset, length)) {
                if (translate(event)) {
                    complete();
                    return;
                }
            }
        });
        return outcome == null;
    }

    /** The upstream's body ended. */
    public void onEnd() {
        run(() -> {
            SseEvent last = decoder.finish();
            if (last != null && translate(last)) {
                complete();
                return;
            }
            if (!translator.answered()) {
                throw new UpstreamStreamException(AnthropicErrorType.API,
                        "The upstream stream ended before the answer was complete");
            }
            complete();
        });
    }

    /** Reading the upstream failed (a reset, an idle timeout). */
    public void onFailure(IOException failure) {
        if (outcome != null) {
            return;
        }
        if (client.clientGone()) {
            // the client left and its departure cancelled the upstream call: nothing broke
            outcome = Outcome.CLIENT_GONE;
        } else if (failure instanceof UpstreamSilence silence) {
            fail(AnthropicErrorType.TIMEOUT, silence.getMessage());
        } else if (failure instanceof SocketTimeoutException) {
            fail(AnthropicErrorType.TIMEOUT, "The upstream stopped sending in the middle of the answer (idle timeout)");
        } else {
            fail(AnthropicErrorType.API, "The upstream stream broke off: "
                    + (failure.getMessage() == null ? "connection error" : failure.getMessage()));
        }
    }

    /**
     * The proxy ends the stream itself (at the end of the drain at shutdown the client gets {@code overloaded_error},
     * which Claude Code and the SDKs retry, instead of a bare close).
     */
    public void onCut(AnthropicErrorType type, String message) {
        if (outcome == null) {
            fail(type, message);
        }
    }

    /** The client went away: nothing more is written. */
    public void onClientGone() {
        if (outcome == null) {
            outcome = Outcome.CLIENT_GONE;
        }
    }

    /** Whether the answer ended before the upstream's stream did (then the upstream call is cut, not drained). */
    public boolean upstreamCutShort() {
        return translator.cutShort();
    }

    /** The token counts the client was given so far (read once the stream is over). */
    public UsageCounts usage() {
        return usage;
    }

    /** Null while the stream runs; how it ended once it has. */
    public Outcome outcome() {
        return outcome;
    }

    /** True when the upstream said the answer is over. */
    private boolean translate(SseEvent event) {
        if (!event.data().isBlank()) {
            send(translator.onEvent(event));
        }
        return translator.done();
    }

    private void send(List<StreamEvent> events) {
        usage.observe(events);
        client.send(events);
    }

    private void complete() {
        send(translator.finish());
        outcome = Outcome.COMPLETED;
    }

    private void run(Runnable step) {
        if (outcome != null) {
            return;
        }
        try {
            step.run();
        } catch (EventSink.ClientGoneException gone) {
            outcome = Outcome.CLIENT_GONE;
        } catch (UpstreamStreamException e) {
            fail(e.type(), e.getMessage());
        } catch (RuntimeException e) {
            // a fault of the proxy's own: the client still gets the one error event a broken stream ends with
            LOG.error("Relaying a stream failed inside the proxy", e);
            fail(AnthropicErrorType.API, "The proxy failed while relaying the stream");
        }
    }

    private void fail(AnthropicErrorType type, String message) {
        LOG.warn("Stream failed after it began: {}", message);
        outcome = Outcome.FAILED;
        try {
            send(translator.fail(type, message));
        } catch (EventSink.ClientGoneException gone) {
            outcome = Outcome.CLIENT_GONE;
        }
    }
}
