package dev.ccproxy.camel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.observe.AccessLog;
import dev.ccproxy.observe.LogContext;
import dev.ccproxy.observe.ProxyMetrics;
import dev.ccproxy.observe.RequestRecord;
import dev.ccproxy.stream.UsageCounts;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;

/**
 * Follows one API request from its first step to its end: its {@link RequestRecord} (on the exchange, for the steps
 * that learn something about it), its ids in the log context of the request's thread, and, once the exchange is done,
 * its access line and its metrics, both from the same record.
 */
public final class RequestObservation implements Synchronization {

    static final String PROPERTY = "ProxyRequestRecord";
    /** For exchanges that did not come through {@link AcceptRequest} (tests calling a step directly). */
    private static final RequestRecord DETACHED = new RequestRecord(null, "detached");

    private final RequestRecord record;
    private final ProxyMetrics metrics;

    private RequestObservation(RequestRecord record, ProxyMetrics metrics) {
        this.record = record;
        this.metrics = metrics;
    }

    /** Starts following the exchange's request (the first step of every API route). */
    static void begin(Exchange exchange, String requestId, ProxyMetrics metrics) {
        RequestRecord record = new RequestRecord(requestId, routeLabel(exchange.getFromRouteId()));
        exchange.setProperty(PROPERTY, record);
        LogContext.begin(requestId);
        exchange.getExchangeExtension().addOnCompletion(new RequestObservation(record, metrics));
    }

    /** The exchange's record; a detached one, which goes nowhere, for an exchange that was not followed. */
    static RequestRecord of(Exchange exchange) {
        RequestRecord record = exchange.getProperty(PROPERTY, RequestRecord.class);
        return record != null ? record : DETACHED;
    }

    /** The upstream's id of its answer: in the record, and in the log context of the request's thread from now on. */
    static void upstreamRequestId(Exchange exchange, String id) {
        if (id != null) {
            of(exchange).upstreamRequestId(id);
            LogContext.upstream(id);
        }
    }

    /** A whole answer has been read from the upstream: its attempt is over, and these are its tokens. */
    static void upstreamAnswered(Exchange exchange, Usage usage) {
        UsageCounts counts = new UsageCounts();
        if (usage != null) {
            counts.take(usage);
        }
        answered(exchange, counts);
    }

    /** An Anthropic-speaking upstream's whole answer has been read; {@code usage} is its JSON usage object. */
    static void upstreamAnswered(Exchange exchange, JsonNode usage) {
        UsageCounts counts = new UsageCounts();
        counts.take(usage);
        answered(exchange, counts);
    }

    private static void answered(Exchange exchange, UsageCounts counts) {
        RequestRecord record = of(exchange);
        record.attemptEnded(System.nanoTime());
        record.tokens(counts.tokens());
    }

    @Override
    public void onComplete(Exchange exchange) {
        done(exchange);
    }

    @Override
    public void onFailure(Exchange exchange) {
        // a failure no step answered (the error handler answers them all): the client got platform-http's 500
        if (record.status() == 0) {
            record.failed(500, "api_error", "The proxy failed to answer");
        }
        done(exchange);
    }

    /**
     * Writes the access line and the metrics. platform-http completes the exchange on the connection's event loop,
     * not on the request's thread: the request's ids are put in that thread's log context for the line, and taken
     * out after.
     */
    private void done(Exchange exchange) {
        UpstreamCall call = UpstreamCall.find(exchange);
        if (call != null) {
            record.target(call.context().requestedModel(), call.context().upstreamModel(),
                    call.context().target().provider().name(), call.api().label(), call.stream());
        }
        if (record.status() == 0) {
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            record.answered(status == null ? 200 : status);
        }
        RequestRecord.Outcome outcome = record.outcomeOr(record.status() >= 400 ? RequestRecord.Outcome.ERROR
                : RequestRecord.Outcome.COMPLETED);
        long elapsed = record.elapsedNanos(System.nanoTime());
        LogContext.run(LogContext.of(record.requestId(), record.upstreamRequestId()),
                () -> AccessLog.write(record, outcome, elapsed));
        metrics.requestEnded(record, outcome, elapsed);
    }

    /** {@code messages-ingress} → {@code messages}: the API the route serves, as the access line and metrics name it. */
    private static String routeLabel(String routeId) {
        if (routeId == null) {
            return "unknown";
        }
        return routeId.endsWith("-ingress") ? routeId.substring(0, routeId.length() - "-ingress".length()) : routeId;
    }
}
