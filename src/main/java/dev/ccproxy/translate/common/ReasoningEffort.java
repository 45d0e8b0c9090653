package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;

import java.util.Locale;

/**
 * The reasoning effort a request asks for: {@code output_config.effort} (what Claude Code sends with adaptive
 * thinking), else a {@code thinking.budget_tokens} bucketed (up to 1024 low, up to 8192 medium, above high). Null
 * when thinking is disabled or nothing says how much.
 */
public final class ReasoningEffort {

    static final int LOW_BUDGET = 1024;
    static final int MEDIUM_BUDGET = 8192;

    private ReasoningEffort() {
    }

    public static String of(MessagesRequest request) {
        JsonNode thinking = request.thinking();
        String thinkingType = thinking == null ? "" : thinking.path("type").asText("");
        if (thinkingType.equals("disabled")) {
            return null;
        }
        JsonNode effort = request.outputConfig() == null ? null : request.outputConfig().get("effort");
        if (effort != null && effort.isTextual()) {
            return switch (effort.textValue().toLowerCase(Locale.ROOT)) {
                case "low", "minimal" -> "low";
                case "medium" -> "medium";
                default -> "high";
            };
        }
        if (thinkingType.equals("enabled") && thinking.path("budget_tokens").isNumber()) {
            int budget = thinking.path("budget_tokens").asInt();
            return budget <= LOW_BUDGET ? "low" : budget <= MEDIUM_BUDGET ? "medium" : "high";
        }
        return null;
    }

    /** Whether the client switched thinking off ({@code thinking: {type: "disabled"}}). */
    public static boolean thinkingDisabled(MessagesRequest request) {
        JsonNode thinking = request.thinking();
        return thinking != null && "disabled".equals(thinking.path("type").asText(""));
    }

    /** Whether the client wants to see thinking (then reasoning summaries are asked for). */
    public static boolean thinkingWanted(MessagesRequest request) {
        JsonNode thinking = request.thinking();
        String type = thinking == null ? "" : thinking.path("type").asText("");
        return type.equals("enabled") || type.equals("adaptive");
    }
}
