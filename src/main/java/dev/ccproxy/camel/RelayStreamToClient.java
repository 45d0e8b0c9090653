package dev.ccproxy.camel;

import dev.ccproxy.http.UpstreamStreamClient;
import dev.ccproxy.stream.StreamRelay;
import dev.ccproxy.stream.StreamTimeouts;
import dev.ccproxy.stream.StreamTimer;
import dev.ccproxy.stream.StreamTranslators;
import dev.ccproxy.stream.UpstreamPipe;
import dev.ccproxy.stream.VertxSseSink;
import io.vertx.core.Context;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
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
 *       ({@link UpstreamPipe}); this step's virtual thread waits, parked, until the stream is over, then logs how it
 *       ended.</li>
 * </ol>
 */
public final class RelayStreamToClient implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RelayStreamToClient.class);

    private final UpstreamStreamClient upstreams;
    private final StreamTimer timer;
    private final StreamTranslators translators;
    private final StreamTimeouts timeouts;
    private final RetryBudget budget;

    public RelayStreamToClient(UpstreamStreamClient upstreams, StreamTimer timer, StreamTranslators translators,
            StreamTimeouts timeouts, RetryBudget budget) {
        this.timeouts = timeouts;
        this.budget = budget;
        this.upstreams = upstreams;
        this.timer = timer;
        this.translators = translators;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ClientConnection connection = ClientConnection.of(exchange);
        UpstreamCall call = UpstreamCall.of(exchange);
        Context context = connection.context();
        Message message = exchange.getIn();
        long sentAt = System.nanoTime();
        budget.call();
        UpstreamStreamClient.OpenedStream upstream = upstreams.openAndAwait(context, message.getHeader(Exchange.HTTP_URI,
                String.class), upstreamHeaders(message), message.getBody(byte[].class), connection::cancelWhenOver);

        VertxSseSink client = VertxSseSink.open(connection.response(), context, connection.requestId());
        connection.streamOpened(client);
        UpstreamPipe pipe = UpstreamPipe.start(context, upstream.response(), upstream.failedEarly(), client,
                translators.create(call.api(), call.request(), call.context()), timer, timeouts, sentAt);
        connection.whenClosed(pipe::clientGone);
        connection.whenCut(pipe::endWith);
        StreamRelay.Outcome outcome = pipe.outcome().join();

        AnthropicReplies.alreadyAnswered(exchange);
        LOG.info("{} {} -> {}{}: stream {} in {} ms", connection.requestId(), call.context().requestedModel(),
                call.context().upstreamModel(), call.apiLabel(),
                outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '), exchange.getClock().elapsed());
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
