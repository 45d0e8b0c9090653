package dev.ccproxy.camel;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.StreamingSettings;
import dev.ccproxy.mapping.TranslationContext;
import dev.ccproxy.streaming.StreamRelay;
import dev.ccproxy.streaming.EventSink;
import dev.ccproxy.streaming.SseReader;
import dev.ccproxy.streaming.UpstreamStreamTranslator;
import dev.ccproxy.streaming.VertxSseSink;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Relays the upstream's stream (Chat Completions or Responses, whichever translator it is given) to the client as
 * Anthropic SSE, event by event. The route has opened the upstream stream already (so an upstream error before the
 * first event was a real HTTP error); from here on the answer is {@code 200}, written straight to the client's
 * response while {@code ping}s keep quiet phases alive.
 */
public final class RelayStreamToClient implements Processor {

    /** Makes the translator for one stream (translators hold the stream's state). */
    public interface Translators {
        UpstreamStreamTranslator create(TranslationContext context, MessagesRequest request);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RelayStreamToClient.class);

    private final StreamingSettings settings;
    private final ScheduledExecutorService keepAlive;
    private final String apiLabel;
    private final Translators translators;

    /** {@code apiLabel} follows the model names in the log line (" (responses)"; empty for Chat Completions). */
    public RelayStreamToClient(StreamingSettings settings, ScheduledExecutorService keepAlive, String apiLabel,
            Translators translators) {
        this.settings = settings;
        this.keepAlive = keepAlive;
        this.apiLabel = apiLabel;
        this.translators = translators;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ClientConnection connection = ClientConnection.of(exchange);
        TranslationContext context = exchange.getProperty(ExchangeKeys.TRANSLATION, TranslationContext.class);
        MessagesRequest request = exchange.getProperty(ExchangeKeys.MESSAGES_REQUEST, MessagesRequest.class);
        String requestId = exchange.getProperty(ExchangeKeys.REQUEST_ID, String.class);
        UpstreamStreamTranslator translator = translators.create(context, request);

        StreamRelay.Outcome outcome = StreamRelay.Outcome.CLIENT_GONE;
        SseReader upstream = new SseReader(exchange.getIn().getMandatoryBody(InputStream.class));
        try {
            VertxSseSink client = VertxSseSink.open(connection, requestId);
            long idle = settings.pingInterval().toNanos();
            long period = Math.max(50, settings.pingInterval().toMillis() / 4);
            ScheduledFuture<?> pings = keepAlive.scheduleAtFixedRate(() -> client.pingIfIdle(idle), period, period,
                    TimeUnit.MILLISECONDS);
            try {
                outcome = StreamRelay.relay(upstream, translator, client);
            } finally {
                pings.cancel(false);
                client.end();
            }
        } catch (EventSink.ClientGoneException gone) {
            outcome = StreamRelay.Outcome.CLIENT_GONE;
        } finally {
            if (outcome != StreamRelay.Outcome.COMPLETED) {
                // a broken or abandoned stream is dropped before it is closed: closing alone would drain it
                connection.cancelUpstream();
            }
            closeQuietly(upstream);
            exchange.getMessage().getHeaders().clear();
            exchange.getMessage().setBody(null);
        }
        LOG.info("{} {} -> {}{}: stream {} in {} ms", requestId, context.requestedModel(), context.upstreamModel(), apiLabel,
                outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), exchange.getClock().elapsed());
    }

    private static void closeQuietly(SseReader upstream) {
        try {
            upstream.close();
        } catch (IOException e) {
            LOG.debug("Closing the upstream stream failed", e);
        }
    }
}
