package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/** A tool result; its content is a string or blocks (text, image, document, search_result, tool_reference). */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record ToolResultBlock(
        String toolUseId,
        @JsonDeserialize(using = ContentDeserializer.class) List<ContentBlock> content,
        Boolean isError) implements ContentBlock {

    public boolean failed() {
        return Boolean.TRUE.equals(isError);
    }
}
