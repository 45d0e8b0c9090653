package dev.ccproxy.config;

import java.util.Map;

/**
 * One upstream provider: where it is, how to authenticate, and which API it speaks by default. The seed's variables
 * ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}, {@code AZURE_API_VERSION}, {@code CUSTOM_HEADER_*}) configure the
 * provider named {@value #DEFAULT}; more come from {@code proxy.providers.<name>.*}.
 *
 * @param baseUrl         base URL up to and including {@code /v1}; for Azure OpenAI the resource URL, its
 *                        {@code /openai/v1} URL, or a deployment URL (see {@link UpstreamUrls})
 * @param apiKey          the key, null for keyless servers such as a local Ollama
 * @param api             the API requests go to unless the model's profile or a web search says otherwise
 * @param azureApiVersion set for Azure OpenAI: the key goes in {@code api-key} and {@code ?api-version=} is added
 * @param headers         extra headers on every call to this provider
 * @param includeUsage    ask for {@code stream_options.include_usage} (some servers reject it)
 * @param bearerAuth      an Anthropic-speaking provider takes its key as {@code Authorization: Bearer}, not {@code x-api-key}
 */
public record ProviderSettings(String name, String baseUrl, String apiKey, UpstreamApi api, String azureApiVersion,
        Map<String, String> headers, boolean includeUsage, boolean bearerAuth) {

    public static final String DEFAULT = "default";

    public ProviderSettings {
        headers = Map.copyOf(headers);
    }

    public boolean azure() {
        return azureApiVersion != null;
    }

    /** How the provider is named in logs and error messages: its name and base URL, never its key. */
    public String describe() {
        return name.equals(DEFAULT) ? baseUrl : name + " (" + baseUrl + ")";
    }
}
