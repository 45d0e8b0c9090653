package dev.ccproxy.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Readiness turns DOWN the moment shutdown begins, while the routes still run and the requests in flight drain, so a
 * load balancer stops sending new requests here at once (Camel's own checks stay UP until the routes stop).
 */
public final class DrainReadiness extends AbstractHealthCheck {

    private final BooleanSupplier draining;

    public DrainReadiness(BooleanSupplier draining) {
        super("proxy", "shutdown");
        this.draining = draining;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (draining.getAsBoolean()) {
            builder.message("shutting down: the requests in flight are draining").down();
        } else {
            builder.up();
        }
    }
}
