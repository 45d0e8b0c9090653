package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A block type this proxy does not know; kept so it can be reported, never a reason to reject a request. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnknownBlock(String type) implements ContentBlock {
}
