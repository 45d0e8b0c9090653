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

    /** An HTTP token (RFC 9110 §5.6.2): what a header name may be made of. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public ProviderSettings {
        headers = Map.copyOf(headers);
        String where = name.equals(DEFAULT) ? "proxy.upstream" : "proxy.providers." + name;
        headers.forEach((header, value) -> {
            if (!TOKEN.matcher(header).matches()) {
                throw new IllegalStateException("Setting " + where + ".headers." + header
                        + ": not a valid HTTP header name");
            }
            requireHeaderSafe(where + ".headers." + header, value);
        });
        requireHeaderSafe(where + ".api-key", apiKey);
        requireHeaderSafe(where + ".azure-api-version", azureApiVersion);
    }

    /**
     * Refuses, at start-up, a configured value that would break out of its header line (a line break or another
     * control character would let it inject headers into every upstream call). The value itself is never echoed: it
     * may be a key.
     */
    private static void requireHeaderSafe(String key, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalStateException("Setting " + key + " contains a line break or another control "
                        + "character (at position " + i + "): refused, it would be sent in an HTTP header");
            }
        }
    }

    public boolean azure() {
        return azureApiVersion != null;
    }

    /**
     * What every call to this provider carries, all from configuration: its key (an Anthropic-speaking server's
     * {@code x-api-key} unless it takes a bearer token, Azure's {@code api-key}, else {@code Authorization: Bearer}),
     * when it has one, then its custom headers.
     *
     * @param api the API the call goes to: an Anthropic-speaking provider's key goes elsewhere
     */
    public void configuredHeaders(UpstreamApi api, java.util.function.BiConsumer<String, String> header) {
        if (apiKey != null) {
            String name = api == UpstreamApi.ANTHROPIC ? (bearerAuth ? "Authorization" : "x-api-key")
                    : azure() ? "api-key" : "Authorization";
            header.accept(name, name.equals("Authorization") ? "Bearer " + apiKey : apiKey);
        }
        headers.forEach(header);
    }

    /** How the provider is named in logs and error messages: its name and base URL, never its key. */
    public String describe() {
        return name.equals(DEFAULT) ? baseUrl : name + " (" + baseUrl + ")";
    }
}
