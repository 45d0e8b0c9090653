package dev.ccproxy.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.concurrent.TimeUnit;

/**
 * The tracer Camel's spans are made with. Camel's OpenTelemetry tracer (camel-opentelemetry2 4.18) starts every span
 * without a kind, so backends would see the request as an internal operation and draw no call to the upstream; this
 * gives each span the kind its place says, as OpenTelemetry's HTTP conventions want: a span without a parent in this
 * process (a request arriving, perhaps with the client's {@code traceparent}) is a SERVER span, one under a span of
 * this process (a call the route makes: camel-http's to the upstream) a CLIENT span. The proxy's routes leave Camel
 * nothing else to trace (see {@code CamelTracing}'s exclusions); a span whose kind was set stays as it was.
 */
final class KindByParentTracer implements Tracer {

    private final Tracer tracer;

    KindByParentTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public SpanBuilder spanBuilder(String name) {
        return new Builder(tracer.spanBuilder(name));
    }

    private static final class Builder implements SpanBuilder {

        private final SpanBuilder builder;
        private boolean kindSet;
        private boolean localParent;

        Builder(SpanBuilder builder) {
            this.builder = builder;
        }

        @Override
        public SpanBuilder setParent(Context context) {
            SpanContext parent = Span.fromContext(context).getSpanContext();
            localParent = parent.isValid() && !parent.isRemote();
            builder.setParent(context);
            return this;
        }

        @Override
        public SpanBuilder setNoParent() {
            localParent = false;
            builder.setNoParent();
            return this;
        }

        @Override
        public SpanBuilder setSpanKind(SpanKind kind) {
            kindSet = true;
            builder.setSpanKind(kind);
            return this;
        }

        @Override
        public Span startSpan() {
            if (!kindSet) {
                builder.setSpanKind(localParent ? SpanKind.CLIENT : SpanKind.SERVER);
            }
            return builder.startSpan();
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext) {
            builder.addLink(spanContext);
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
            builder.addLink(spanContext, attributes);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, String value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, long value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, double value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, boolean value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
            builder.setAttribute(key, value);
            return this;
        }

        @Override
        public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
            builder.setStartTimestamp(startTimestamp, unit);
            return this;
        }
    }
}
