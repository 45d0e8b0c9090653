package dev.ccproxy.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the soak's upstream saw, counted on its event loop: every call the proxy made (retries included), the faults
 * it injected by kind, and how each call ended. A call the proxy closed before its answer was complete is a
 * cancellation: the soak's client hung up (the proxy must then close the upstream call at once), or a stalled fault
 * timed out. A call still open when the load has stopped is a call the proxy forgot.
 */
final class UpstreamCounts {

    /** The counts as the runner reads them from {@code GET /soak/counts}. */
    record Snapshot(long calls, Map<UpstreamFault, Long> faults, long cancelledByProxy, long stallsEndedByProxy,
            Map<String, Long> openByKind) {

        /** Calls not over yet. */
        long open() {
            return openByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        static Snapshot read(int stubPort) throws IOException, InterruptedException {
            try (HttpClient http = HttpClient.newHttpClient()) {
                String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stubPort
                        + "/soak/counts")).build(), HttpResponse.BodyHandlers.ofString()).body();
                JsonNode counts = ProxyJson.mapper().readTree(json);
                Map<UpstreamFault, Long> faults = new EnumMap<>(UpstreamFault.class);
                counts.path("faults").properties().forEach(entry -> faults.put(UpstreamFault.valueOf(entry.getKey()),
                        entry.getValue().asLong()));
                Map<String, Long> open = new TreeMap<>();
                counts.path("open").properties().forEach(entry -> open.put(entry.getKey(), entry.getValue().asLong()));
                return new Snapshot(counts.path("calls").asLong(), faults, counts.path("cancelledByProxy").asLong(),
                        counts.path("stallsEndedByProxy").asLong(), open);
            }
        }
    }

    private long calls;
    private final Map<UpstreamFault, Long> faults = new EnumMap<>(UpstreamFault.class);
    private long cancelledByProxy;
    private long stallsEndedByProxy;
    /** Calls not over yet, by what they were given ("NONE": the normal answer). */
    private final Map<String, Long> open = new TreeMap<>();

    /** One call, until it ends. */
    static final class Call {

        private final UpstreamFault fault;
        private boolean over;

        private Call(UpstreamFault fault) {
            this.fault = fault;
        }

        private String kind() {
            return fault == null ? "NONE" : fault.name();
        }
    }

    /** A call came; {@code fault} is what it gets (null: the normal answer). */
    Call called(HttpServerResponse response, UpstreamFault fault) {
        calls++;
        Call call = new Call(fault);
        open.merge(call.kind(), 1L, Long::sum);
        if (fault != null) {
            faults.merge(fault, 1L, Long::sum);
        }
        // Vert.x runs the end handler also when the connection closes first (then the response has not ended), and
        // the close handler after it
        response.endHandler(ignored -> over(call, response));
        response.closeHandler(ignored -> over(call, response));
        return call;
    }

    /**
     * The stub closes the call's connection itself (an injected reset): the call is over, and not by the proxy's
     * doing (Vert.x runs neither handler for a response its own side closed).
     */
    void closeByStub(Call call, HttpServerResponse response) {
        end(call);
        response.reset();
    }

    private void over(Call call, HttpServerResponse response) {
        if (!end(call) || response.ended()) {
            return;
        }
        if (call.fault == UpstreamFault.STALLED_STREAM || call.fault == UpstreamFault.STALLED_ANSWER) {
            stallsEndedByProxy++;
        } else {
            cancelledByProxy++;
        }
    }

    /** Marks the call over; answers false when it already was. */
    private boolean end(Call call) {
        if (call.over) {
            return false;
        }
        call.over = true;
        open.computeIfPresent(call.kind(), (kind, count) -> count == 1 ? null : count - 1);
        return true;
    }

    String json() {
        return "{\"calls\":" + calls + ",\"faults\":" + object(faults) + ",\"cancelledByProxy\":" + cancelledByProxy
                + ",\"stallsEndedByProxy\":" + stallsEndedByProxy + ",\"open\":" + object(open) + "}";
    }

    private static String object(Map<?, Long> counts) {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((key, count) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                .append("\":").append(count));
        return json.append('}').toString();
    }
}
