package dev.ccproxy.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camel's OpenTelemetry tracer, deciding once for each endpoint whether its exclude patterns leave it alone. Camel asks
 * at every route's start and end and every send, a dozen times a request, and each answer normalises the URI and
 * compiles every pattern as a regular expression (measured: about 0.3 ms a whole answer, more than the proxy's own
 * work); the endpoints are the routes' own, so the answers are few and never change.
 */
final class ExclusionCachingTracer extends OpenTelemetryTracer {

    /** Endpoints remembered at most (dynamic endpoints a user's route might make are then decided each time). */
    private static final int MOST = 1024;

    private final Map<String, Boolean> excluded = new ConcurrentHashMap<>();

    @Override
    public boolean exclude(String endpointUri, CamelContext context) {
        if (endpointUri == null) {
            return false;
        }
        Boolean known = excluded.get(endpointUri);
        if (known == null) {
            known = super.exclude(endpointUri, context);
            if (excluded.size() < MOST) {
                excluded.put(endpointUri, known);
            }
        }
        return known;
    }
}
