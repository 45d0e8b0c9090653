package dev.ccproxy.http;

/**
 * Whether the proxy is shutting down: from the moment it is asked to stop, readiness answers 503 (load balancers take
 * the instance out) and new requests are refused with 529 (clients retry, elsewhere), while those in flight finish.
 */
public final class Draining {

    private volatile boolean draining;

    public void begin() {
        draining = true;
    }

    public boolean active() {
        return draining;
    }
}
