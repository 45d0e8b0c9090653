package dev.ccproxy.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** proxy.metrics.max-model-labels: its default, a value, and the start failing with the key's name when it is wrong. */
class MetricsSettingsTest {

    @Test
    void the_model_labels_default_to_a_hundred_and_take_the_configured_bound() {
        assertThat(MetricsSettings.load(SettingsReader.of(Map.of())).maxModelLabels()).isEqualTo(100);
        assertThat(MetricsSettings.load(SettingsReader.of(Map.of("proxy.metrics.max-model-labels", " 7 ")))
                .maxModelLabels()).isEqualTo(7);
    }

    @Test
    void a_bound_that_is_not_a_count_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> MetricsSettings.load(SettingsReader.of(Map.of("proxy.metrics.max-model-labels",
                "many")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("proxy.metrics.max-model-labels");
        assertThatThrownBy(() -> MetricsSettings.load(SettingsReader.of(Map.of("proxy.metrics.max-model-labels",
                "-1")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("proxy.metrics.max-model-labels");
    }
}
