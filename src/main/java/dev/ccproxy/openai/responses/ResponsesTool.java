package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A Responses tool: a function in the flat shape ({@code strict} explicit: omitted, it means true), or web search. */
public sealed interface ResponsesTool {

    static Function function(String name, String description, JsonNode parameters) {
        return new Function("function", name, description, parameters, false);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Function(String type, String name, String description, JsonNode parameters, boolean strict)
            implements ResponsesTool {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebSearch(String type, Filters filters, UserLocation userLocation) implements ResponsesTool {

        public record Filters(List<String> allowedDomains) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record UserLocation(String type, String city, String region, String country, String timezone) {
        }
    }
}
