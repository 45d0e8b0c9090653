package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether {@code temperature} and {@code top_p} go upstream: reasoning models refuse them (their profile says so). */
public final class Sampling {

    private static final Logger LOG = LoggerFactory.getLogger(Sampling.class);

    private Sampling() {
    }

    public static boolean allowed(MessagesRequest request, TranslationContext context) {
        if (context.profile().sampling()) {
            return true;
        }
        if (request.temperature() != null || request.topP() != null) {
            LOG.debug("{} takes no temperature or top_p; the client's are not sent", context.upstreamModel());
        }
        return false;
    }
}
