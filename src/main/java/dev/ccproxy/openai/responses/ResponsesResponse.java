package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A {@code response} object, as a non-streaming answer and inside {@code response.completed} and its kin. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesResponse(String id, String status, String model, List<ResponseItem> output,
        IncompleteDetails incompleteDetails, Error error, Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IncompleteDetails(String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String code, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(Integer inputTokens, InputTokensDetails inputTokensDetails, Integer outputTokens) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record InputTokensDetails(Integer cachedTokens) {
        }

        public int cachedTokens() {
            return inputTokensDetails == null || inputTokensDetails.cachedTokens() == null ? 0
                    : inputTokensDetails.cachedTokens();
        }
    }
}
