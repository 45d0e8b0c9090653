package dev.ccproxy.routing;

import dev.ccproxy.anthropic.ModelInfo;
import dev.ccproxy.anthropic.ModelList;
import dev.ccproxy.anthropic.ModelListQuery;
import dev.ccproxy.config.ProxySettings;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.testsupport.GoldenCases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code GET /v1/models} offers, and its pages in both directions. */
class ModelCatalogTest {

    /** The catalog of a plain installation (gpt-4o / gpt-4o-mini) with this model list and map. */
    private static ModelCatalog catalog(String... extra) {
        Properties settings = new Properties();
        try {
            settings.load(new StringReader("""
                    proxy.models.listed = claude-opus-5-5, claude-sonnet-4-5 ,, claude-haiku-4-5
                    proxy.models.map[0].match = claude-haiku-*
                    proxy.models.map[0].model = gpt-4.1-nano
                    proxy.models.map[1].match = team-model
                    proxy.models.map[1].model = gpt-4.1
                    proxy.models.map[2].match = CLAUDE-SONNET-4-5
                    proxy.models.map[2].model = gpt-4o
                    proxy.models.map[3].match = regex:^o[0-9].*
                    proxy.models.map[4].match = claude-?
                    proxy.models.map[5].match = deepseek-v4-pro
                    """));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < extra.length; i += 2) {
            settings.setProperty(extra[i], extra[i + 1]);
        }
        ProxySettings proxy = GoldenCases.proxySettings(settings);
        return new ModelCatalog(proxy.models(), new ModelResolver(proxy), proxy.tokens());
    }

    private static List<String> ids(ModelList page) {
        return page.data().stream().map(ModelInfo::id).toList();
    }

    @Test
    void offers_the_listed_names_then_the_maps_exact_names_once_each() {
        List<ModelInfo> all = catalog().all();

        assertThat(all).extracting(ModelInfo::id)
                .containsExactly("claude-opus-5-5", "claude-sonnet-4-5", "claude-haiku-4-5", "team-model",
                        "deepseek-v4-pro");
        assertThat(all).extracting(ModelInfo::displayName)
                .containsExactly("Claude Opus 5.5", "Claude Sonnet 4.5", "Claude Haiku 4.5", "team-model",
                        "deepseek-v4-pro");
        // the most the proxy sends as max_tokens: the profile of the model each name resolves to (none for a model
        // no profile rule knows: then the client's value goes through)
        assertThat(all).extracting(ModelInfo::maxTokens).containsExactly(16384, 16384, 32768, 32768, 384000);
        assertThat(catalog("proxy.models.map[1].model", "my-own-model").find("team-model"))
                .map(ModelInfo::maxTokens).isEmpty();
    }

    @Test
    void max_tokens_stays_within_max_tokens_limit() {
        assertThat(catalog("proxy.tokens.max-limit", "20000").all()).extracting(ModelInfo::maxTokens)
                .containsExactly(16384, 16384, 20000, 20000, 20000);
    }

    @Test
    void finds_a_listed_model_ignoring_case_and_nothing_else() {
        assertThat(catalog().find("Claude-Opus-5-5")).map(ModelInfo::id).hasValue("claude-opus-5-5");
        assertThat(catalog().find("claude-haiku-9")).as("the map accepts it, but it is not listed").isEmpty();
    }

    @Test
    void pages_forward_with_after_id() {
        ModelCatalog catalog = catalog();

        ModelList first = catalog.page(ModelListQuery.parse("2", null, null));
        assertThat(ids(first)).containsExactly("claude-opus-5-5", "claude-sonnet-4-5");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.firstId()).isEqualTo("claude-opus-5-5");
        assertThat(first.lastId()).isEqualTo("claude-sonnet-4-5");
        ModelList last = catalog.page(ModelListQuery.parse("2", "team-model", null));
        assertThat(ids(last)).containsExactly("deepseek-v4-pro");
        assertThat(last.hasMore()).isFalse();
        ModelList beyond = catalog.page(ModelListQuery.parse(null, "deepseek-v4-pro", null));
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.firstId()).isNull();
        assertThat(beyond.lastId()).isNull();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void pages_backward_with_before_id() {
        ModelCatalog catalog = catalog();

        ModelList page = catalog.page(ModelListQuery.parse("2", null, "deepseek-v4-pro"));
        assertThat(ids(page)).containsExactly("claude-haiku-4-5", "team-model");
        assertThat(page.hasMore()).isTrue();
        ModelList first = catalog.page(ModelListQuery.parse("5", null, "claude-haiku-4-5"));
        assertThat(ids(first)).containsExactly("claude-opus-5-5", "claude-sonnet-4-5");
        assertThat(first.hasMore()).isFalse();
    }

    @Test
    void refuses_bad_queries() {
        assertThatThrownBy(() -> ModelListQuery.parse("0", null, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelListQuery.parse("1001", null, null)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> ModelListQuery.parse("ten", null, null)).hasMessageContaining("integer");
        assertThatThrownBy(() -> ModelListQuery.parse(null, "a", "b")).hasMessageContaining("both");
        assertThatThrownBy(() -> ModelListQuery.parse(null, "", null)).hasMessageContaining("after_id");
        assertThatThrownBy(() -> catalog().page(ModelListQuery.parse(null, "claude-x", null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("after_id").hasMessageContaining("claude-x");
        assertThat(ModelListQuery.parse(null, null, null).limit()).isEqualTo(20);
        assertThat(ModelListQuery.parse("1000", null, null).limit()).isEqualTo(1000);
    }
}
