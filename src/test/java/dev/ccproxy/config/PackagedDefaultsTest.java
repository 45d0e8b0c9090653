package dev.ccproxy.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application that embeds the proxy gets as defaults from the jar's copy of application.properties. */
class PackagedDefaultsTest {

    @Test
    void the_proxys_keys_and_what_its_routes_need_but_nothing_of_the_applications_own() {
        Map<String, String> defaults = PackagedDefaults.forEmbedding();

        assertThat(defaults).containsEntry("proxy.models.big", "gpt-4o")
                .containsEntry("proxy.upstream.max-connections", "{{proxy.server.max-concurrent-requests}}")
                .containsEntry("camel.server.port", "{{proxy.server.port}}")
                .containsEntry("camel.health.enabled", "true")
                .containsEntry("camel.component.http.http-client-configurer", "#bean:upstreamCancellation");
        // the application's name, route patterns, reload and shutdown, management server, metrics and log levels
        assertThat(defaults.keySet()).noneMatch(key -> key.startsWith("camel.main."))
                .noneMatch(key -> key.startsWith("camel.management."))
                .noneMatch(key -> key.startsWith("camel.metrics."))
                .doesNotContain("proxy.log.level");
    }
}
