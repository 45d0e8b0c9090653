package dev.ccproxy.routing;

import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.UpstreamApi;

/**
 * Where one request goes: the provider, the upstream model, and what that model accepts.
 */
public record UpstreamTarget(ProviderSettings provider, String model, ModelProfile profile) {

    /** The model's own API when its profile names one (codex: Responses only), else the provider's. */
    public UpstreamApi api() {
        return profile.api() != null ? profile.api() : provider.api();
    }
}
