package dev.ccproxy.camel;

import dev.ccproxy.anthropic.ErrorResponse;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.error.PromptTooLongException;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.error.RetryAdvice;
import dev.ccproxy.observe.RequestRecord;
import dev.ccproxy.stream.VertxSseSink;
import dev.ccproxy.tokens.ContextWindow;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;


/**
 * The one place where failures become answers: every exception of every route ends here (see the
 * {@code routeConfiguration} in {@code routes/error-handling.camel.yaml}) and leaves as Anthropic's error envelope with
 * the matching status. Stack traces go to the log, only for the proxy's own faults, never to the client.
 */
public final class AnthropicErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicErrorResponder.class);

    /** How long the last event of a failed stream may take to be written before platform-http goes on. */
    private static final Duration LAST_EVENT_WAIT = Duration.ofSeconds(5);

    private final String defaultUpstream;
    private final ContextWindow contextWindow;

    /**
     * @param defaultUpstream how to name the upstream in messages when the request failed before one was chosen (the
     *                        default provider's base URL; never a key)
     */
    public AnthropicErrorResponder(String defaultUpstream, ContextWindow contextWindow) {
        this.defaultUpstream = defaultUpstream;
        this.contextWindow = contextWindow;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String requestId = ClientConnection.of(exchange).requestId();
        RequestRecord record = RequestObservation.of(exchange);
        if (ClientConnection.of(exchange).closed()) {
            // the access line says so (outcome=client_gone); the upstream call was cancelled as the client left
            record.outcome(RequestRecord.Outcome.CLIENT_GONE);
            AnthropicReplies.alreadyAnswered(exchange);
            return;
        }
        UpstreamCall call = UpstreamCall.find(exchange);
        String upstream = call == null ? defaultUpstream : call.context().target().provider().describe();
        // a call the proxy cut (deadline, shutdown) fails as a cancelled request: the cut says what really happened
        ProxyException cut = ClientConnection.of(exchange).cutBy();
        ProxyException error = cut != null ? cut : ErrorClassifier.classify(failure, upstream);
        if (error instanceof PromptTooLongException tooLong && call != null) {
            error = contextWindow.inAnthropicTerms(tooLong, call.request(), call.context().profile().contextWindow());
        }
        if (ErrorClassifier.internal(error)) {
            LOG.error("{} failed inside the proxy", requestId, failure);
        }
        // the access line carries the status, the error's type and its message
        record.failed(error.status(), error.type().wireName(), error.getMessage());
        VertxSseSink stream = ClientConnection.of(exchange).stream();
        if (stream != null) {
            // the response is already a 200 event stream: the failure can only be its last event
            if (!stream.failAndAwaitEnd(StreamEvent.error(error.type().wireName(), error.getMessage()),
                    LAST_EVENT_WAIT)) {
                LOG.debug("{}: the stream's last event could not be written", requestId);
            }
            // the stream's status was 200; its last event is the error
            record.failed(200, error.type().wireName(), error.getMessage());
            record.outcome(RequestRecord.Outcome.STREAM_FAILED);
            AnthropicReplies.alreadyAnswered(exchange);
            return;
        }
        AnthropicReplies.json(exchange, error.status(),
                ErrorResponse.of(error.type().wireName(), error.getMessage(), requestId));
        exchange.getMessage().setHeader(RetryAdvice.HEADER, RetryAdvice.forStatus(error.status()));
        if (error.retryAfter() != null) {
            exchange.getMessage().setHeader("retry-after", error.retryAfter());
        }
    }
}
