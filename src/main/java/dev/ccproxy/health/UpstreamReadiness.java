package dev.ccproxy.health;

import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.UpstreamHealthSettings;
import io.vertx.core.Vertx;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Readiness that also requires the default upstream to be reachable ({@code proxy.health.check-upstream}): a proxy
 * whose upstream cannot be reached would only answer 502s, so the load balancer had better send its requests to
 * another replica.
 *
 * <p>Built for orchestrators that ask every few seconds, on every replica: the readiness check never calls the upstream
 * itself, it reads the last result of one background probe a replica ({@link UpstreamProbe}, every
 * {@code upstream-interval-seconds}, each given {@code upstream-timeout-seconds}). Until the first probe has answered,
 * the upstream counts as unknown, and the proxy as not ready.
 */
public final class UpstreamReadiness extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamReadiness.class);

    private final UpstreamProbe probe;
    private final String upstream;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile UpstreamProbe.Result last;

    private UpstreamReadiness(UpstreamProbe probe, String upstream) {
        super("proxy", "upstream");
        this.probe = probe;
        this.upstream = upstream;
    }

    /** Starts probing at once, then every interval, on {@code vertx}'s timers (they stop when it closes). */
    public static UpstreamReadiness start(Vertx vertx, ProviderSettings provider, UpstreamHealthSettings settings) {
        UpstreamReadiness readiness = new UpstreamReadiness(new UpstreamProbe(vertx, provider, settings.timeout()),
                provider.describe());
        vertx.setPeriodic(1, settings.interval().toMillis(), ignored -> readiness.probeOnce());
        return readiness;
    }

    private void probeOnce() {
        // a probe still waiting (timeout above the interval) is not doubled
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        probe.probe().onComplete(done -> {
            probing.set(false);
            UpstreamProbe.Result result = done.result();
            UpstreamProbe.Result before = last;
            last = result;
            if (before == null || before.reachable() != result.reachable()) {
                if (result.reachable()) {
                    LOG.info("The default upstream {} is reachable", upstream);
                } else {
                    LOG.warn("The default upstream {} is unreachable ({}): readiness is DOWN", upstream,
                            result.detail());
                }
            }
        });
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        UpstreamProbe.Result result = last;
        if (result == null) {
            builder.message("the default upstream " + upstream + " has not been checked yet").down();
        } else if (result.reachable()) {
            builder.up();
        } else {
            builder.message("the default upstream " + upstream + " is unreachable: " + result.detail()).down();
        }
    }
}
