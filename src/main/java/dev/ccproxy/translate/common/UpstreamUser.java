package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesRequest;

/** Anthropic's {@code metadata.user_id} as both OpenAI APIs' {@code user}, which takes at most 64 characters. */
public final class UpstreamUser {

    /** OpenAI's limit for {@code user}. */
    static final int MAX_LENGTH = 64;

    private UpstreamUser() {
    }

    /** The client's user id, cut to OpenAI's limit; null when the request names none. */
    public static String of(MessagesRequest request) {
        if (request.metadata() == null || request.metadata().userId() == null || request.metadata().userId().isEmpty()) {
            return null;
        }
        String userId = request.metadata().userId();
        return userId.length() <= MAX_LENGTH ? userId : userId.substring(0, MAX_LENGTH);
    }
}
