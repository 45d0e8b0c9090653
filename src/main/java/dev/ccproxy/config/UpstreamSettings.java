package dev.ccproxy.config;

import java.util.Map;

/**
 * How the proxy reaches its OpenAI-compatible upstream.
 *
 * @param baseUrl           base URL up to and including {@code /v1} (or an Azure deployment URL)
 * @param apiKey            the upstream key, null for keyless servers such as a local Ollama
 * @param azureApiVersion   set for Azure OpenAI: the key goes in {@code api-key} and {@code ?api-version=} is added
 * @param customHeaders     extra headers for every upstream call ({@code CUSTOM_HEADER_*})
 * @param maxRetries        retries of a failed upstream call before the client sees the error
 * @param maxRetryAfterSeconds a 429 whose {@code retry-after} is longer than this goes straight to the client
 * @param responsesForAll   send every request to the Responses API, not only web searches
 */
public record UpstreamSettings(
        String baseUrl,
        String apiKey,
        String azureApiVersion,
        Map<String, String> customHeaders,
        int maxRetries,
        int maxRetryAfterSeconds,
        boolean responsesForAll) {

    public UpstreamSettings {
        customHeaders = Map.copyOf(customHeaders);
    }

    public boolean azure() {
        return azureApiVersion != null;
    }
}
