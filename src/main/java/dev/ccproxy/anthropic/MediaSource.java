package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * The {@code source} of an image or a document.
 *
 * @param type      {@code base64}, {@code url}, {@code text} (documents), {@code content} (documents) or {@code file}
 * @param data      base64 data, or the text of a {@code text} document
 * @param content   the blocks of a {@code content} document
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaSource(
        String type,
        String mediaType,
        String data,
        String url,
        String fileId,
        @JsonDeserialize(using = ContentDeserializer.class) List<ContentBlock> content) {
}
