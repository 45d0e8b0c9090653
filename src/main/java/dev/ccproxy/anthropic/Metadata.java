package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Claude Code sends a JSON document as a string here (device, account and session ids). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(String userId) {
}
