package dev.ccproxy.config;

import dev.ccproxy.routing.ModelResolver;
import dev.ccproxy.routing.UpstreamTarget;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers, the model map and profiles as configured, and the start failing with the key's name when they are wrong. */
class ProxySettingsTest {

    private static Map<String, String> base() {
        Map<String, String> values = new HashMap<>();
        values.put("proxy.upstream.base-url", "https://api.openai.com/v1");
        values.put("proxy.upstream.api-key", "sk-test");
        values.put("proxy.models.big", "gpt-4o");
        values.put("proxy.models.small", "gpt-4o-mini");
        return values;
    }

    private static Map<String, String> with(String... keysAndValues) {
        Map<String, String> values = base();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    void the_seed_variables_alone_make_one_default_provider_with_built_in_profiles() {
        ProxySettings settings = ProxySettings.load(base());

        assertThat(settings.providers()).containsOnlyKeys("default");
        UpstreamTarget sonnet = new ModelResolver(settings).resolve("claude-sonnet-4-5");
        assertThat(sonnet.model()).isEqualTo("gpt-4o");
        assertThat(sonnet.provider().apiKey()).isEqualTo("sk-test");
        assertThat(sonnet.profile().maxOutputTokens()).isEqualTo(16384);
        assertThat(sonnet.api()).isEqualTo(UpstreamApi.CHAT);
        assertThat(new ModelResolver(settings).resolve("gpt-5.1-codex").api()).isEqualTo(UpstreamApi.RESPONSES);
    }

    @Test
    void map_rules_choose_provider_and_model_before_the_families() {
        ProxySettings settings = ProxySettings.load(with(
                "proxy.providers.ollama.base-url", "http://127.0.0.1:11434/v1/",
                "proxy.models.map[1].match", "claude-haiku-*",
                "proxy.models.map[1].provider", "ollama",
                "proxy.models.map[1].model", "qwen2.5-coder:32b",
                "proxy.models.map[0].match", "claude-haiku-special",
                "proxy.models.map[0].model", "gpt-4.1"));
        ModelResolver resolver = new ModelResolver(settings);

        UpstreamTarget haiku = resolver.resolve("claude-haiku-4-5");
        assertThat(haiku.provider().name()).isEqualTo("ollama");
        assertThat(haiku.provider().baseUrl()).as("trailing slashes trimmed").isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(haiku.model()).isEqualTo("qwen2.5-coder:32b");
        assertThat(haiku.profile().vision()).isFalse();
        UpstreamTarget special = resolver.resolve("CLAUDE-HAIKU-SPECIAL");
        assertThat(special.provider().name()).as("rules in index order, ignoring case").isEqualTo("default");
        assertThat(special.model()).isEqualTo("gpt-4.1");
    }

    @Test
    void the_middle_model_follows_the_big_models_provider_when_it_is_the_big_model() {
        ProxySettings settings = ProxySettings.load(with(
                "proxy.providers.azure.base-url", "https://r.openai.azure.com",
                "proxy.providers.azure.azure-api-version", "2024-10-21",
                "proxy.models.big-provider", "azure",
                "proxy.models.middle", "gpt-4o"));

        assertThat(new ModelResolver(settings).resolve("claude-sonnet-4-5").provider().name()).isEqualTo("azure");
        assertThat(new ModelResolver(settings).resolve("claude-haiku-4-5").provider().name()).isEqualTo("default");
    }

    @Test
    void a_configured_profile_changes_one_field_and_keeps_the_built_in_rest() {
        ModelResolver resolver = new ModelResolver(ProxySettings.load(with(
                "proxy.profiles[0].match", "o3",
                "proxy.profiles[0].max-output-tokens", "50000")));

        UpstreamTarget o3 = resolver.resolve("o3");
        assertThat(o3.profile().maxOutputTokens()).isEqualTo(50000);
        assertThat(o3.profile().completionTokens()).isTrue();
        assertThat(o3.profile().sampling()).isFalse();
        assertThat(o3.profile().reasoning()).isEqualTo(ModelProfile.ReasoningStyle.REASONING_EFFORT);
    }

    @Test
    void web_search_can_go_to_another_provider() {
        ModelResolver resolver = new ModelResolver(ProxySettings.load(with(
                "proxy.providers.ollama.base-url", "http://127.0.0.1:11434/v1",
                "proxy.models.big-provider", "ollama",
                "proxy.models.big", "llama3.3:70b",
                "proxy.web-search.model", "gpt-4.1")));

        assertThat(resolver.resolve("claude-opus-4-5").provider().name()).isEqualTo("ollama");
        UpstreamTarget search = resolver.resolveWebSearch("claude-opus-4-5");
        assertThat(search.provider().name()).isEqualTo("default");
        assertThat(search.model()).isEqualTo("gpt-4.1");
    }

    @Test
    void header_values_that_could_inject_headers_fail_the_start_without_echoing_the_value() {
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.upstream.headers.X-Title", "ok\r\nX-Evil: 1")))
                .hasMessageContaining("proxy.upstream.headers.X-Title").hasMessageContaining("line break")
                .hasMessageNotContaining("X-Evil");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.providers.or.base-url", "https://openrouter.ai/api/v1",
                "proxy.providers.or.api-key", "sk-sec\nret")))
                .hasMessageContaining("proxy.providers.or.api-key").hasMessageNotContaining("sk-sec");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.upstream.headers.Bad Name", "x")))
                .hasMessageContaining("not a valid HTTP header name");
        assertThat(ProxySettings.load(with("proxy.upstream.headers.X-Title", "claude-code-proxy\t(tab is fine)"))
                .defaultProvider().headers()).containsEntry("X-Title", "claude-code-proxy\t(tab is fine)");
    }

    @Test
    void mistakes_fail_the_start_with_the_key() {
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.models.map[0].match", "x",
                "proxy.models.map[0].provider", "nowhere")))
                .hasMessageContaining("\"nowhere\"").hasMessageContaining("not configured");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.profiles[0].match", "x",
                "proxy.profiles[0].max-tokens", "5")))
                .hasMessageContaining("proxy.profiles[0].max-tokens").hasMessageContaining("unknown field");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.profiles[0].match", "x",
                "proxy.profiles[0].reasoning", "loud")))
                .hasMessageContaining("proxy.profiles[0].reasoning").hasMessageContaining("reasoning-effort");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.profiles[0].match", "(")))
                .hasMessageContaining("proxy.profiles[0].match");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.profiles[0].vision", "false")))
                .hasMessageContaining("proxy.profiles[0].match is required");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.providers.default.base-url", "http://x")))
                .hasMessageContaining("proxy.upstream");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.providers.x.api-key", "k")))
                .hasMessageContaining("proxy.providers.x.base-url is required");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.providers.x.base-url", "ftp://x")))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.providers.x.base-url", "http://x/v1?key=1")))
                .hasMessageContaining("query");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.models.map[a].match", "x")))
                .hasMessageContaining("index must be a number");
        assertThatThrownBy(() -> ProxySettings.load(with("proxy.upstream.api", "grpc")))
                .hasMessageContaining("proxy.upstream.api");
    }

    @Test
    void the_built_in_profiles_cover_the_common_families() {
        ModelResolver resolver = new ModelResolver(ProxySettings.load(base()));
        assertThat(resolver.resolve("gpt-4.1-mini").profile().maxOutputTokens()).isEqualTo(32768);
        assertThat(resolver.resolve("o4-mini").profile().completionTokens()).isTrue();
        assertThat(resolver.resolve("gpt-5-mini").profile().reasoning())
                .isEqualTo(ModelProfile.ReasoningStyle.REASONING_EFFORT);
        assertThat(resolver.resolve("gpt-5-chat-latest").profile().reasoning())
                .isEqualTo(ModelProfile.ReasoningStyle.NONE);
        assertThat(resolver.resolve("deepseek-v4-pro").profile().reasoningHistory()).isTrue();
        assertThat(resolver.resolve("deepseek-v4-pro").profile().vision()).isFalse();
        assertThat(resolver.resolve("deepseek-flash").profile().vision()).isTrue();
        assertThat(resolver.resolve("gemini-2.5-flash").profile().schemaDialect())
                .isEqualTo(ModelProfile.SchemaDialect.STRICT);
        assertThat(resolver.resolve("qwen3-coder:30b").profile().reasoning())
                .isEqualTo(ModelProfile.ReasoningStyle.CHAT_TEMPLATE);
        assertThat(resolver.resolve("qwen2.5-vl:7b").profile().vision()).isTrue();
        assertThat(resolver.resolve("llama3.3:70b").profile().maxOutputTokens()).isEqualTo(8192);
        assertThat(resolver.resolve("openai/gpt-4o").profile().maxOutputTokens()).as("OpenRouter-style ids")
                .isEqualTo(16384);
        assertThat(ProxySettings.load(base()).profiles().forModel("default", "my-own-model"))
                .as("no rule: no clamp, nothing dropped").isEqualTo(ModelProfile.DEFAULTS);
    }
}
