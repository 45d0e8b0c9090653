package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A document: a PDF (base64 or URL), plain text, or a list of content blocks ({@code source.type: "content"}). */
@JsonIgnoreProperties(value = "type", ignoreUnknown = true)
public record DocumentBlock(MediaSource source, String title, String context) implements ContentBlock {
}
