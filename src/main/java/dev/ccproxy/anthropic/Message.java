package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/** One turn: {@code user}, {@code assistant}, or (Claude Code ≥ 2.1.154) {@code system} in the middle of the list. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(String role, @JsonDeserialize(using = ContentDeserializer.class) List<ContentBlock> content) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String SYSTEM = "system";
}
