package dev.ccproxy.camel;

import dev.ccproxy.http.UpstreamStreamClient;
import dev.ccproxy.observe.LogContext;
import dev.ccproxy.observe.ProxyMetrics;
import dev.ccproxy.observe.RequestRecord;
import dev.ccproxy.observe.UpstreamRequestIds;
import dev.ccproxy.stream.StreamRelay;
import dev.ccproxy.stream.StreamTimeouts;
import dev.ccproxy.stream.StreamTimer;
import dev.ccproxy.stream.StreamTranslators;
import dev.ccproxy.stream.UpstreamPipe;
import dev.ccproxy.stream.VertxSseSink;
import dev.ccproxy.tracing.StreamSpan;
import io.vertx.core.Context;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams the upstream's answer to the client as Anthropic SSE, event by event, whichever API it comes from (the
 * call's API chooses the translator). Two phases:
 *
 * <ol>
 *   <li>Opening: the request the route prepared (the body, the {@code CamelHttpUri} and the headers it set after
 *       removing the client's) goes to the upstream, and this step waits for its status line. Until then nothing is
 *       committed: a failure is thrown as camel-http would throw it, so the route's retries and its error table
 *       apply as to any other call.</li>
 *   <li>Relaying: from a 2xx on, the answer is {@code 200} SSE, relayed on the event loop of the client's connection
 *       ({@link UpstreamPipe}); this step's virtual thread waits, parked, until the stream is over, then notes how it
 *       ended, its times and its token counts for the access line and the metrics.</li>
 * </ol>
 */
public final class RelayStreamToClient implements Processor {

    private final UpstreamStreamClient upstreams;
    private final StreamTimer timer;
    private final StreamTranslators translators;
    private final StreamTimeouts timeouts;
    private final RetryBudget budget;
    private final ProxyMetrics metrics;
    private final StreamTracing tracing;

    public RelayStreamToClient(UpstreamStreamClient upstreams, StreamTimer timer, StreamTranslators translators,
            StreamTimeouts timeouts, RetryBudget budget, ProxyMetrics metrics, StreamTracing tracing) {
        this.metrics = metrics;
        this.timeouts = timeouts;
        this.budget = budget;
        this.tracing = tracing;
        this.upstreams = upstreams;
        this.timer = timer;
        this.translators = translators;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ClientConnection connection = ClientConnection.of(exchange);
        UpstreamCall call = UpstreamCall.of(exchange);
        RequestRecord record = RequestObservation.of(exchange);
        Context context = connection.context();
        Message message = exchange.getIn();
        budget.call();
        long sentAt = record.attemptStarted();
        String url = message.getHeader(Exchange.HTTP_URI, String.class);
        Map<String, String> headers = upstreamHeaders(message);
        // tracing (StreamTracing.OFF does nothing): this attempt's span, its traceparent among the headers
        StreamSpan span = tracing.start(call, url, headers);
        UpstreamStreamClient.OpenedStream upstream;
        try {
            upstream = upstreams.openAndAwait(context, url, headers, message.getBody(byte[].class),
                    connection::cancelWhenOver);
        } catch (Exception e) {
            record.attemptEnded(System.nanoTime());
            if (e instanceof HttpOperationFailedException refused && refused.getResponseHeaders() != null) {
                // refused before the stream began: the upstream's id of that answer
                RequestObservation.upstreamRequestId(exchange,
                        UpstreamRequestIds.find(refused.getResponseHeaders()::get));
            }
            StreamTracing.failed(span, e);
            throw e;
        }
        RequestObservation.upstreamRequestId(exchange, UpstreamRequestIds.find(upstream.response()::getHeader));

        StreamRelay.Outcome outcome;
        UpstreamPipe pipe;
        try {
            VertxSseSink client = VertxSseSink.open(connection.response(), context, connection.requestId());
            connection.streamOpened(client);
            record.answered(200);
            metrics.streamOpened();
            try {
                pipe = UpstreamPipe.start(context, upstream.response(), upstream.failedEarly(), client,
                        translators.create(call.api(), call.request(), call.context()), timer, timeouts, sentAt,
                        LogContext.capture());
                connection.whenClosed(pipe::clientGone);
                connection.whenCut(pipe::endWith);
                outcome = pipe.outcome().join();
            } finally {
                metrics.streamClosed();
            }
        } catch (RuntimeException e) {
            // a step after the upstream answered failed: the attempt's span ends here, or it would never be exported
            record.attemptEnded(System.nanoTime());
            StreamTracing.failed(span, e);
            throw e;
        }
        span.ended(outcome.name(), outcome == StreamRelay.Outcome.FAILED);
        if (pipe.firstPieceAt() != 0) {
            record.firstByte(pipe.firstPieceAt());
        }
        record.attemptEnded(pipe.endedAt());
        record.tokens(pipe.usage().tokens());
        record.outcome(switch (outcome) {
            case COMPLETED -> RequestRecord.Outcome.COMPLETED;
            case FAILED -> RequestRecord.Outcome.STREAM_FAILED;
            case CLIENT_GONE -> RequestRecord.Outcome.CLIENT_GONE;
        });
        AnthropicReplies.alreadyAnswered(exchange);
    }

    /** What the route set for the upstream (it removed every client header first); Camel's own headers stay here. */
    private static Map<String, String> upstreamHeaders(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }
}
