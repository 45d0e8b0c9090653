package dev.ccproxy.routing;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.config.TokenLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output-token limit sent upstream: the client's {@code max_tokens} within the configured bounds
 * ({@code MAX_TOKENS_LIMIT}, {@code MIN_TOKENS_LIMIT}) and never above what the upstream model allows (its profile).
 * Claude Code asks for 128000 on every request; most models refuse that.
 */
public final class OutputTokens {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTokens.class);

    private OutputTokens() {
    }

    public static int of(MessagesRequest request, TokenLimits limits, UpstreamTarget target) {
        int bounded = limits.apply(request.maxTokens());
        int clamped = target.profile().clampOutputTokens(bounded);
        if (clamped < bounded) {
            LOG.debug("max_tokens {} is more than {} allows; {} is sent", bounded, target.model(), clamped);
        }
        return clamped;
    }

    /**
     * The most {@link #of} can send for the model, whatever a client asks (what {@code GET /v1/models} reports as
     * its {@code max_tokens}); null when neither its profile nor {@code MAX_TOKENS_LIMIT} bounds it.
     */
    public static Integer ceiling(ModelProfile profile, TokenLimits limits) {
        int most = profile.clampOutputTokens(limits.apply(Integer.MAX_VALUE));
        return most == Integer.MAX_VALUE ? null : most;
    }
}
