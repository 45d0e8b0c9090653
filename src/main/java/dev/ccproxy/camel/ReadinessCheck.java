package dev.ccproxy.camel;

import dev.ccproxy.health.ReadinessReport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Answers {@code GET /health/ready}: 200 when Camel's readiness checks (the context, every route and its consumer)
 * are all up, 503 with the failing ones otherwise, so a load balancer or orchestrator stops sending requests to a
 * proxy whose routes are not running. Liveness stays {@code GET /health}, which answers as long as the server does.
 */
public final class ReadinessCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        ReadinessReport report = ReadinessReport.of(HealthCheckHelper.invokeReadiness(exchange.getContext()));
        AnthropicReplies.json(exchange, report.up() ? 200 : 503, report);
    }
}
