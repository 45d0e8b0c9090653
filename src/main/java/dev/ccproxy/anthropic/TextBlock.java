package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A text block; {@code citations} is only set on answers of the web-search branch. */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record TextBlock(String text, JsonNode citations) implements ContentBlock {

    public static TextBlock of(String text) {
        return new TextBlock(text, null);
    }
}
