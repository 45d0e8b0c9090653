package dev.ccproxy.config;

import dev.ccproxy.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every URL form, built from configuration; a model name only ever fills a deployment slot, and only if it fits. */
class UpstreamUrlsTest {

    private static ProviderSettings provider(String baseUrl, String azureApiVersion) {
        return new ProviderSettings("p", baseUrl, "key", UpstreamApi.CHAT, azureApiVersion, Map.of(), true, false);
    }

    @Test
    void openai_compatible_servers_take_the_paths_after_their_base_url() {
        ProviderSettings openai = provider("https://api.openai.com/v1", null);
        assertThat(UpstreamUrls.chatCompletions(openai, "gpt-4o")).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(UpstreamUrls.responses(openai)).isEqualTo("https://api.openai.com/v1/responses");
        ProviderSettings deepseek = provider("https://api.deepseek.com", null);
        assertThat(UpstreamUrls.chatCompletions(deepseek, "x")).isEqualTo("https://api.deepseek.com/chat/completions");
    }

    @Test
    void azure_has_three_forms() {
        String resource = "https://res.openai.azure.com";
        assertThat(UpstreamUrls.chatCompletions(provider(resource, "2024-10-21"), "gpt-4o-prod"))
                .isEqualTo(resource + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(UpstreamUrls.chatCompletions(provider(resource + "/openai", "2024-10-21"), "gpt-4o-prod"))
                .isEqualTo(resource + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
        assertThat(UpstreamUrls.chatCompletions(provider(resource + "/openai/deployments/fixed", "2024-10-21"), "x"))
                .isEqualTo(resource + "/openai/deployments/fixed/chat/completions?api-version=2024-10-21");
        assertThat(UpstreamUrls.chatCompletions(provider(resource + "/openai/v1", "2024-10-21"), "gpt-4o"))
                .isEqualTo(resource + "/openai/v1/chat/completions");
        assertThat(UpstreamUrls.chatCompletions(provider(resource + "/openai/v1", "preview"), "gpt-4o"))
                .isEqualTo(resource + "/openai/v1/chat/completions?api-version=preview");
    }

    @Test
    void azure_responses_are_per_resource_not_per_deployment() {
        String resource = "https://res.openai.azure.com";
        assertThat(UpstreamUrls.responses(provider(resource + "/openai/deployments/fixed", "2025-04-01-preview")))
                .isEqualTo(resource + "/openai/responses?api-version=2025-04-01-preview");
        assertThat(UpstreamUrls.responses(provider(resource, "2025-04-01-preview")))
                .isEqualTo(resource + "/openai/responses?api-version=2025-04-01-preview");
        assertThat(UpstreamUrls.responses(provider(resource + "/openai/v1", "v1")))
                .isEqualTo(resource + "/openai/v1/responses");
    }

    @Test
    void a_model_name_that_is_no_deployment_name_never_reaches_the_url() {
        ProviderSettings azure = provider("https://res.openai.azure.com", "2024-10-21");
        for (String bad : new String[] {"../admin", "gpt-4o/../../x", "a b", "x?api-version=1", "", "-x"}) {
            assertThatThrownBy(() -> UpstreamUrls.chatCompletions(azure, bad))
                    .as(bad).isInstanceOf(InvalidRequestException.class).hasMessageContaining("deployment name");
        }
    }
}
