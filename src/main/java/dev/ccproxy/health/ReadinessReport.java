package dev.ccproxy.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.camel.health.HealthCheck;

import java.util.Collection;
import java.util.List;

/**
 * The answer of {@code GET /health/ready}: {@code {"status":"UP"}} when every readiness check of Camel is up, else
 * {@code DOWN} with the checks that are not (their state and what they say, never a stack trace).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReadinessReport(String status, List<Check> checks) {

    public record Check(String id, String state, String message) {
    }

    /** What is reported when no check ran at all: health checks are off, so readiness cannot be known. */
    static final Check NO_CHECKS = new Check("camel-health", "UNKNOWN",
            "no readiness checks ran: camel.health.enabled must be true");

    public static ReadinessReport of(Collection<HealthCheck.Result> results) {
        if (results.isEmpty()) {
            return new ReadinessReport("DOWN", List.of(NO_CHECKS));
        }
        List<Check> failing = results.stream()
                .filter(result -> result.getState() != HealthCheck.State.UP)
                .map(ReadinessReport::check)
                .toList();
        return new ReadinessReport(failing.isEmpty() ? "UP" : "DOWN", failing);
    }

    public boolean up() {
        return checks.isEmpty();
    }

    private static Check check(HealthCheck.Result result) {
        String message = result.getMessage()
                .or(() -> result.getError().map(Throwable::getMessage))
                .orElse(null);
        return new Check(result.getCheck().getId(), result.getState().name(), message);
    }
}
