package dev.ccproxy.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link StreamSpan} on an OpenTelemetry span: the first end wins (a relay ends once, but a failure may race it). */
final class UpstreamStreamSpan implements StreamSpan {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("proxy.stream.outcome");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    UpstreamStreamSpan(Span span) {
        this.span = span;
    }

    @Override
    public void failed(int status, Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        // the kind of failure only: an exception's message may quote the upstream's answer
        String type = status > 0 ? Integer.toString(status) : failure.getClass().getName();
        if (status > 0) {
            span.setAttribute(STATUS, status);
        }
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, type);
        span.end();
    }

    @Override
    public void ended(String outcome, boolean error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        span.setAttribute(STATUS, 200L);
        span.setAttribute(OUTCOME, outcome.toLowerCase(Locale.ROOT));
        if (error) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }
}
