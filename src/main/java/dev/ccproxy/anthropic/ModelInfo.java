package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of {@code GET /v1/models}: Anthropic's {@code ModelInfo}. {@code lifecycle} is required by the official
 * SDKs ({@code ModelInfo.validate()} fails without it), so every listed model is {@code active}.
 *
 * @param createdAt RFC 3339; the epoch, which Anthropic documents for a release date that is not known
 * @param maxTokens the largest {@code max_tokens} the proxy sends upstream for this model; null when unbounded
 */
@JsonPropertyOrder({"type", "id", "display_name", "created_at", "lifecycle", "max_tokens"})
public record ModelInfo(String type, String id, String displayName, String createdAt, String lifecycle,
        Integer maxTokens) {

    static final String UNKNOWN_RELEASE = "1970-01-01T00:00:00Z";

    public static ModelInfo of(String id, String displayName, Integer maxTokens) {
        return new ModelInfo("model", id, displayName, UNKNOWN_RELEASE, "active", maxTokens);
    }
}
