package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

import java.time.Duration;

/**
 * Whether readiness also requires the default upstream to be reachable ({@code proxy.health.check-upstream}, off by
 * default), and how it is watched: one background probe every {@code interval}, each given at most {@code timeout};
 * readiness reads the last result, so a probe of the orchestrator never waits for the upstream.
 */
public record UpstreamHealthSettings(boolean enabled, Duration interval, Duration timeout) {

    public UpstreamHealthSettings {
        if (interval.toMillis() < 1) {
            throw new IllegalStateException("Setting proxy.health.upstream-interval-seconds must be above 0");
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalStateException("Setting proxy.health.upstream-timeout-seconds must be above 0");
        }
    }

    public static UpstreamHealthSettings load(PropertiesComponent properties) {
        return load(SettingsReader.of(properties));
    }

    static UpstreamHealthSettings load(SettingsReader read) {
        return new UpstreamHealthSettings(read.booleanValue("proxy.health.check-upstream", false),
                read.seconds("proxy.health.upstream-interval-seconds", Duration.ofSeconds(10)),
                read.seconds("proxy.health.upstream-timeout-seconds", Duration.ofSeconds(2)));
    }
}
