package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Everything the proxy's beans need from {@code application.properties} and the environment, read once at start-up.
 *
 * @param clientApiKey the key clients must present; null leaves the proxy open (and bound to loopback)
 */
public record ProxySettings(String clientApiKey, UpstreamSettings upstream, ModelSettings models, TokenLimits tokens,
        StreamingSettings streaming, String logLevel) {

    /** Names that are already upstream model names: OpenAI families, common open models, and provider/model ids. */
    public static final String DEFAULT_PASSTHROUGH =
            "^(gpt-|chatgpt-|o[1-9]|ft:|ep-|doubao-|deepseek|qwen|llama|mistral|mixtral|codestral|gemini|gemma|phi|"
            + "grok|glm|kimi|moonshot|command|.+/).*";
    public static final String DEFAULT_REASONING = "^(o[1-9]|gpt-5).*";
    public static final String DEFAULT_RESPONSES_API = "^(.*/)?(gpt-[0-9.]+-codex|codex-).*";

    public static ProxySettings load(PropertiesComponent properties) {
        SettingsReader read = new SettingsReader(properties);
        UpstreamSettings upstream = new UpstreamSettings(
                baseUrl(read.required("proxy.upstream.base-url")),
                read.optional("proxy.upstream.api-key"),
                read.optional("proxy.upstream.azure-api-version"),
                read.prefixed(SeedEnvironment.HEADER_KEY_PREFIX),
                read.intValue("proxy.upstream.max-retries", 2),
                read.intValue("proxy.upstream.max-retry-after-seconds", 10),
                upstreamApi(read.optional("proxy.upstream.api")));
        String big = read.required("proxy.models.big");
        String middle = read.optional("proxy.models.middle");
        ModelSettings models = new ModelSettings(
                big,
                middle == null ? big : middle,
                read.required("proxy.models.small"),
                read.pattern("proxy.models.passthrough", DEFAULT_PASSTHROUGH),
                read.pattern("proxy.models.reasoning", DEFAULT_REASONING),
                read.pattern("proxy.models.responses-api", DEFAULT_RESPONSES_API));
        TokenLimits tokens = new TokenLimits(read.optionalInt("proxy.tokens.max-limit"),
                read.optionalInt("proxy.tokens.min-limit"));
        StreamingSettings streaming = new StreamingSettings(
                read.booleanValue("proxy.streaming.include-usage", true),
                toolCallMode(read.optional("proxy.streaming.tool-calls")),
                java.time.Duration.ofMillis(read.longValue("proxy.streaming.ping-interval-millis", 10_000)));
        String logLevel = read.optional("proxy.log.level");
        return new ProxySettings(read.optional("proxy.client.api-key"), upstream, models, tokens, streaming,
                logLevel == null ? "INFO" : logLevel);
    }

    /** {@code chat} (Chat Completions, the default) or {@code responses} (the Responses API for every request). */
    private static boolean upstreamApi(String api) {
        if (api == null || api.equalsIgnoreCase("chat")) {
            return false;
        }
        if (api.equalsIgnoreCase("responses")) {
            return true;
        }
        throw new IllegalStateException("proxy.upstream.api must be chat or responses, got: " + api);
    }

    /** {@code incremental} (arguments stream as they come) or {@code buffered} (each call sent whole at the end). */
    private static boolean toolCallMode(String mode) {
        if (mode == null || mode.equalsIgnoreCase("incremental")) {
            return false;
        }
        if (mode.equalsIgnoreCase("buffered")) {
            return true;
        }
        throw new IllegalStateException("proxy.streaming.tool-calls must be incremental or buffered, got: " + mode);
    }

    /** The routes append {@code /chat/completions} to the base URL, so it must end without a slash. */
    private static String baseUrl(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalStateException("proxy.upstream.base-url (OPENAI_BASE_URL) must be an http(s) URL, got: " + url);
        }
        if (url.endsWith("/")) {
            throw new IllegalStateException("proxy.upstream.base-url must not end with '/', got: " + url);
        }
        return url;
    }
}
