package dev.ccproxy.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.routing.UpstreamTarget;

import java.util.Locale;

/**
 * The answer of {@code GET /test-connection}: which provider, API and upstream model answered the probe, what it said
 * and how long the round trip took. Names the provider, never its key.
 *
 * @param api   {@code chat} or {@code responses}
 * @param reply the text of the model's answer (empty when a reasoning model spent the few tokens on thinking)
 */
@JsonPropertyOrder({"status", "provider", "api", "model", "reply", "latency_ms"})
public record ConnectionTestReport(String status, String provider, String api, String model,
        @JsonInclude(JsonInclude.Include.ALWAYS) String reply, long latencyMs) {

    /** @param message the Anthropic message the proxy made of the upstream's answer */
    public static ConnectionTestReport of(UpstreamTarget target, JsonNode message, long latencyMillis) {
        StringBuilder reply = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("text")) {
                reply.append(block.path("text").asText());
            }
        }
        return new ConnectionTestReport("ok", target.provider().name(),
                target.api().name().toLowerCase(Locale.ROOT), target.model(), reply.toString(), latencyMillis);
    }
}
