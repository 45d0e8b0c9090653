package dev.ccproxy.translate.common;

import java.util.Base64;

/**
 * Tool call ids as the upstream accepts them. OpenAI refuses ids longer than 40 characters in Chat Completions
 * ({@code tool_calls[].id}, {@code tool_call_id}) and 64 on the Responses API ({@code call_id}); a conversation that
 * began with another provider can carry longer ones. A long id is replaced by a digest of itself, the same for the
 * call and its result, so the pair still matches and no state is needed between requests.
 */
public final class ToolCallIds {

    /** Chat Completions' limit. */
    public static final int CHAT_MAX = 40;
    /** The Responses API's limit. */
    public static final int RESPONSES_MAX = 64;

    private ToolCallIds() {
    }

    public static String fit(String id, int max) {
        if (id == null || id.length() <= max) {
            return id;
        }
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(id));
        String shortened = "call_" + digest;
        return shortened.length() <= max ? shortened : shortened.substring(0, max);
    }
}
