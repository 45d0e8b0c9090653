package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code auto}, {@code any}, {@code tool} (with {@code name}) or {@code none}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolChoice(String type, String name, Boolean disableParallelToolUse) {

    public boolean parallelDisabled() {
        return Boolean.TRUE.equals(disableParallelToolUse);
    }
}
