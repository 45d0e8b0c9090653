package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything the proxy's beans need from {@code application.properties} and the environment, read once at start-up.
 * A malformed or inconsistent setting fails the start with the key's name.
 *
 * @param clientApiKey the key clients must present; null leaves the proxy open (and bound to loopback)
 * @param providers       by name; {@value ProviderSettings#DEFAULT} always exists (the seed's variables)
 * @param tokenCacheChars the most characters of text whose token counts {@code count_tokens} keeps
 * @param logLevel        {@code proxy.log.level}; null when unset (an application that embeds the proxy: its own
 *                        logging configuration decides)
 * @param server          the HTTP server's capacity
 * @param upstreamClient  timeouts and pool of the upstream clients
 */
public record ProxySettings(String clientApiKey, Map<String, ProviderSettings> providers, ModelSettings models,
        ModelProfiles profiles, TokenLimits tokens, StreamingSettings streaming, RetrySettings retries,
        long tokenCacheChars, String logLevel, ServerSettings server, UpstreamClientSettings upstreamClient) {

    /** Names that are already upstream model names: OpenAI families, common open models, and provider/model ids. */
    public static final String DEFAULT_PASSTHROUGH =
            "^(gpt-|chatgpt-|o[1-9]|ft:|ep-|doubao-|deepseek|qwen|llama|mistral|mixtral|codestral|gemini|gemma|phi|"
            + "grok|glm|kimi|moonshot|command|codex-|.+/).*";

    private static final String PROVIDERS = "proxy.providers.";
    private static final String MODEL_MAP = "proxy.models.map[";
    private static final String PROFILES = "proxy.profiles[";

    public ProxySettings {
        providers = Map.copyOf(providers);
    }

    public static ProxySettings load(PropertiesComponent properties) {
        return load(SettingsReader.of(properties));
    }

    /** Only the request limits: the HTTP server needs them before the rest of the settings are read. */
    public static RequestLimits requestLimits(PropertiesComponent properties) {
        return requestLimits(SettingsReader.of(properties));
    }

    private static RequestLimits requestLimits(SettingsReader read) {
        java.time.Duration total = java.time.Duration.ofMillis(read.longValue("proxy.upstream.timeout-millis", 600_000));
        return new RequestLimits(read.intValue("proxy.server.max-header-bytes", 32 * 1024),
                read.seconds("proxy.server.headers-timeout-seconds", java.time.Duration.ofSeconds(30)),
                read.seconds("proxy.server.body-timeout-seconds", java.time.Duration.ofSeconds(60)),
                // no client connection is silent both ways longer than a whole answer may take (streams are pinged)
                total.plusSeconds(60),
                read.intValue("proxy.server.max-json-depth", 128),
                read.intValue("proxy.server.max-messages", 100_000),
                read.intValue("proxy.server.max-tools", 10_000));
    }

    /** From a plain map of keys to values (tests). */
    public static ProxySettings load(Map<String, String> values) {
        return load(SettingsReader.of(values));
    }

    public ProviderSettings defaultProvider() {
        return providers.get(ProviderSettings.DEFAULT);
    }

    private static ProxySettings load(SettingsReader read) {
        StreamingSettings streaming = new StreamingSettings(
                read.booleanValue("proxy.streaming.include-usage", true),
                toolCallMode(read.optional("proxy.streaming.tool-calls")),
                java.time.Duration.ofMillis(read.longValue("proxy.streaming.ping-interval-millis", 10_000)));
        Map<String, ProviderSettings> providers = providers(read, streaming.includeUsage());
        ModelSettings models = models(read);
        List<ModelProfiles.Rule> profileRules = new ArrayList<>(ProfileRules.parse(PROFILES, read.prefixed(PROFILES)));
        profileRules.addAll(ProfileRules.builtIn());
        ModelProfiles profiles = new ModelProfiles(profileRules);
        checkProvidersExist(providers, models, profiles);
        TokenLimits tokens = new TokenLimits(read.optionalInt("proxy.tokens.max-limit"),
                read.optionalInt("proxy.tokens.min-limit"));
        RetrySettings retries = new RetrySettings(read.intValue("proxy.upstream.max-retries", 2),
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.retry-delay-millis", 500)),
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.max-retry-delay-millis", 8_000)),
                read.intValue("proxy.upstream.max-retry-after-seconds", 10),
                read.intValue("proxy.upstream.retry-budget-percent", 20),
                read.intValue("proxy.upstream.retry-budget-min", 10));
        String logLevel = read.optional("proxy.log.level");
        int maxConcurrentRequests = read.intValue("proxy.server.max-concurrent-requests", 8192);
        int eventLoops = read.intValue("proxy.server.event-loops", Runtime.getRuntime().availableProcessors());
        if (eventLoops < 1) {
            throw new IllegalStateException("Setting proxy.server.event-loops must be at least 1, got " + eventLoops);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalStateException("Setting proxy.server.max-concurrent-requests must be at least 1, got "
                    + maxConcurrentRequests);
        }
        UpstreamClientSettings upstreamClient = new UpstreamClientSettings(
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.connect-timeout-millis", 10_000)),
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.first-byte-timeout-millis", 300_000)),
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.idle-timeout-millis", 300_000)),
                java.time.Duration.ofMillis(read.longValue("proxy.upstream.timeout-millis", 600_000)),
                read.intValue("proxy.upstream.max-connections", maxConcurrentRequests));
        return new ProxySettings(read.optional("proxy.client.api-key"), providers, models, profiles, tokens, streaming,
                retries, read.longValue("proxy.count-tokens.cache-chars", 64L * 1024 * 1024),
                logLevel, new ServerSettings(maxConcurrentRequests, eventLoops,
                        read.seconds("proxy.server.drain-seconds", java.time.Duration.ofSeconds(30)),
                        requestLimits(read)),
                upstreamClient);
    }

    /** {@code auth}: how an Anthropic-speaking provider takes its key, {@code x-api-key} (the default) or {@code bearer}. */
    private static boolean bearerAuth(String key, String value) {
        if (value == null || value.equalsIgnoreCase("x-api-key")) {
            return false;
        }
        if (value.equalsIgnoreCase("bearer")) {
            return true;
        }
        throw new IllegalStateException("Setting " + key + " must be x-api-key or bearer, got: " + value);
    }

    /** The default provider from {@code proxy.upstream.*}, the others from {@code proxy.providers.<name>.*}. */
    private static Map<String, ProviderSettings> providers(SettingsReader read, boolean includeUsage) {
        Map<String, ProviderSettings> providers = new LinkedHashMap<>();
        providers.put(ProviderSettings.DEFAULT, new ProviderSettings(
                ProviderSettings.DEFAULT,
                baseUrl("proxy.upstream.base-url", read.required("proxy.upstream.base-url")),
                read.optional("proxy.upstream.api-key"),
                orChat(UpstreamApi.parse("proxy.upstream.api", read.optional("proxy.upstream.api"))),
                read.optional("proxy.upstream.azure-api-version"),
                read.prefixed(SeedEnvironment.HEADER_KEY_PREFIX),
                includeUsage, false));
        SortedMap<String, Map<String, String>> named = KeyedEntries.named(PROVIDERS, read.prefixed(PROVIDERS));
        named.forEach((name, fields) -> {
            String where = PROVIDERS + name;
            if (name.equals(ProviderSettings.DEFAULT)) {
                throw new IllegalStateException(where + ".*: the provider named default is configured by "
                        + "proxy.upstream.* (OPENAI_BASE_URL, OPENAI_API_KEY, …)");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String field : fields.keySet()) {
                if (field.startsWith("headers.")) {
                    headers.put(field.substring("headers.".length()), fields.get(field));
                } else if (!List.of("base-url", "api-key", "api", "azure-api-version", "include-usage", "auth")
                        .contains(field)) {
                    throw new IllegalStateException("Setting " + where + "." + field + ": unknown field; known: "
                            + "base-url, api-key, api, azure-api-version, include-usage, auth, headers.<Name>");
                }
            }
            String baseUrl = fields.get("base-url");
            if (baseUrl == null) {
                throw new IllegalStateException("Setting " + where + ".base-url is required");
            }
            providers.put(name, new ProviderSettings(name, baseUrl(where + ".base-url", trimSlashes(baseUrl)),
                    blankToNull(fields.get("api-key")),
                    orChat(UpstreamApi.parse(where + ".api", blankToNull(fields.get("api")))),
                    blankToNull(fields.get("azure-api-version")), headers,
                    SettingsReader.parseBoolean(where + ".include-usage", fields.get("include-usage"),
                            includeUsage),
                    bearerAuth(where + ".auth", blankToNull(fields.get("auth")))));
        });
        return providers;
    }

    private static ModelSettings models(SettingsReader read) {
        ModelChoice big = choice(read, "proxy.models.big", read.required("proxy.models.big"));
        String middle = read.optional("proxy.models.middle");
        List<ModelRule> rules = new ArrayList<>();
        KeyedEntries.indexed(MODEL_MAP, read.prefixed(MODEL_MAP)).forEach((index, fields) -> {
            String where = MODEL_MAP + index + "]";
            for (String field : fields.keySet()) {
                if (!List.of("match", "provider", "model").contains(field)) {
                    throw new IllegalStateException("Setting " + where + "." + field
                            + ": unknown field; known: match, provider, model");
                }
            }
            String match = blankToNull(fields.get("match"));
            if (match == null) {
                throw new IllegalStateException("Setting " + where + ".match is required (a model name, a glob such "
                        + "as claude-haiku-*, or regex:<expression>)");
            }
            String provider = blankToNull(fields.get("provider"));
            rules.add(ModelRule.of(where + ".match", match, new ModelChoice(
                    provider == null ? ProviderSettings.DEFAULT : provider, blankToNull(fields.get("model")))));
        });
        String webSearchProvider = read.optional("proxy.web-search.provider");
        String webSearchModel = read.optional("proxy.web-search.model");
        ModelChoice webSearch = webSearchProvider == null && webSearchModel == null ? null
                : new ModelChoice(webSearchProvider == null ? ProviderSettings.DEFAULT : webSearchProvider,
                        webSearchModel);
        // MIDDLE_MODEL defaults to the big model, and then to the big model's provider too
        ModelChoice middleChoice = middle == null ? big : choice(read, "proxy.models.middle", middle);
        if (middleChoice.model().equals(big.model()) && read.optional("proxy.models.middle-provider") == null) {
            middleChoice = big;
        }
        return new ModelSettings(big,
                middleChoice,
                choice(read, "proxy.models.small", read.required("proxy.models.small")),
                rules,
                read.pattern("proxy.models.passthrough", DEFAULT_PASSTHROUGH),
                webSearch,
                read.list("proxy.models.listed"));
    }

    /** {@code proxy.models.big} with its optional {@code proxy.models.big-provider}. */
    private static ModelChoice choice(SettingsReader read, String key, String model) {
        String provider = read.optional(key + "-provider");
        return new ModelChoice(provider == null ? ProviderSettings.DEFAULT : provider, model);
    }

    private static void checkProvidersExist(Map<String, ProviderSettings> providers, ModelSettings models,
            ModelProfiles profiles) {
        List<String> referenced = new ArrayList<>(List.of(models.big().provider(), models.middle().provider(),
                models.small().provider()));
        models.rules().forEach(rule -> referenced.add(rule.target().provider()));
        if (models.webSearch() != null) {
            referenced.add(models.webSearch().provider());
        }
        profiles.rules().stream().filter(rule -> rule.provider() != null)
                .forEach(rule -> referenced.add(rule.provider()));
        for (String name : referenced) {
            if (!providers.containsKey(name)) {
                throw new IllegalStateException("The model map or a profile names the provider \"" + name
                        + "\", which is not configured; providers: " + String.join(", ", providers.keySet()));
            }
        }
    }

    private static UpstreamApi orChat(UpstreamApi api) {
        return api == null ? UpstreamApi.CHAT : api;
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
    private static String baseUrl(String key, String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalStateException(key + " must be an http(s) URL, got: " + url);
        }
        if (url.endsWith("/")) {
            throw new IllegalStateException(key + " must not end with '/', got: " + url);
        }
        if (url.contains("?") || url.contains("#")) {
            throw new IllegalStateException(key + " must not carry a query or fragment, got: " + url);
        }
        return url;
    }

    private static String trimSlashes(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
