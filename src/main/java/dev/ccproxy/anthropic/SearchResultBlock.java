package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/** A search result a client hands the model for grounding: source, title and text content. */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record SearchResultBlock(
        String source,
        String title,
        @JsonDeserialize(using = ContentDeserializer.class) List<ContentBlock> content) implements ContentBlock {
}
