package dev.ccproxy.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Display names the way Anthropic writes them, from the model id alone. */
class ModelDisplayNamesTest {

    @ParameterizedTest
    @CsvSource({
            "claude-opus-5-5, Claude Opus 5.5",
            "claude-sonnet-4, Claude Sonnet 4",
            "claude-fable-5-2, Claude Fable 5.2",
            "claude-sonnet-4-5-20250929, Claude Sonnet 4.5",
            "claude-opus-4-20250514, Claude Opus 4",
            "claude-3-5-haiku-20241022, Claude 3.5 Haiku",
            "Claude-Haiku-4-5, Claude Haiku 4.5",
            "azure-4o, azure-4o",
            "gpt-4.1, gpt-4.1",
    })
    void derives_the_display_name_from_the_id(String id, String displayName) {
        assertThat(ModelDisplayNames.of(id)).isEqualTo(displayName);
    }
}
