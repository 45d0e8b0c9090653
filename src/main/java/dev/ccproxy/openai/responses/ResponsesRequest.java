package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code POST /responses}: only the fields the proxy sets. There is no {@code stop} (the Responses API has none), and
 * {@code store} is always false: the proxy is stateless and never refers back to a stored response.
 *
 * @param toolChoice {@code "auto"}, {@code "required"}, {@code "none"} or {@code {"type":"function","name":…}}
 * @param include    {@code web_search_call.action.sources}, so that searches come back with what they found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(
        String model,
        String instructions,
        List<ResponsesInputItem> input,
        List<ResponsesTool> tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode text,
        Integer maxOutputTokens,
        Integer maxToolCalls,
        Double temperature,
        Double topP,
        Reasoning reasoning,
        List<String> include,
        Boolean store,
        Boolean stream,
        String promptCacheKey,
        String safetyIdentifier) {

    /** @param summary {@code auto}, so that reasoning comes back as readable summaries */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reasoning(String effort, String summary) {
    }
}
