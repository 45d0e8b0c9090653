package dev.ccproxy.health;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness from Camel's results: up only when every check is, and then only the ones that are not are named. */
class ReadinessReportTest {

    private static HealthCheck.Result result(String id, HealthCheck.State state, String message, Throwable error) {
        HealthCheck check = new AbstractHealthCheck(id) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.state(state);
            }
        };
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(check).state(state).message(message);
        return (error == null ? builder : builder.error(error)).build();
    }

    @Test
    void up_when_every_check_is_up() {
        ReadinessReport report = ReadinessReport.of(List.of(result("context", HealthCheck.State.UP, null, null),
                result("route:a", HealthCheck.State.UP, null, null)));

        assertThat(report.up()).isTrue();
        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.checks()).isEmpty();
    }

    @Test
    void down_naming_only_the_checks_that_are_not_up() {
        ReadinessReport report = ReadinessReport.of(List.of(result("context", HealthCheck.State.UP, null, null),
                result("route:a", HealthCheck.State.DOWN, "Route a is Stopped", null),
                result("consumer:b", HealthCheck.State.UNKNOWN, null, new IllegalStateException("not yet known"))));

        assertThat(report.up()).isFalse();
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.checks()).containsExactly(
                new ReadinessReport.Check("route:a", "DOWN", "Route a is Stopped"),
                new ReadinessReport.Check("consumer:b", "UNKNOWN", "not yet known"));
    }

    @Test
    void down_when_no_check_ran_at_all() {
        ReadinessReport report = ReadinessReport.of(List.of());

        assertThat(report.up()).isFalse();
        assertThat(report.checks()).containsExactly(ReadinessReport.NO_CHECKS);
    }
}
