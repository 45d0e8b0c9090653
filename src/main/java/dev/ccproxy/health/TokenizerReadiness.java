package dev.ccproxy.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Readiness of the token counter: the o200k tables load beside the start-up (about 300 ms of CPU), so the proxy is
 * live at once but ready, and at full speed for {@code count_tokens} and every stream's {@code message_start}, only
 * once they are in. A request that comes earlier waits for them.
 */
public final class TokenizerReadiness extends AbstractHealthCheck {

    private final BooleanSupplier loaded;

    public TokenizerReadiness(BooleanSupplier loaded) {
        super("proxy", "tokenizer");
        this.loaded = loaded;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (loaded.getAsBoolean()) {
            builder.up();
        } else {
            builder.message("the o200k token tables are still loading").down();
        }
    }
}
