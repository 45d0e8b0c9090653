package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.json.ProxyJson;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which session and which user a request comes from, in the two fields OpenAI takes them in, hashed so that no id of
 * the client's leaves the proxy as it is:
 *
 * <ul>
 *   <li>{@code prompt_cache_key}: the session, so that the provider routes a session's requests to the same prompt
 *       cache. Claude Code names it in {@code metadata.user_id} (a JSON string with {@code session_id}, or the older
 *       {@code user_…_account_…_session_<uuid>}), and in the {@code X-Claude-Code-Session-Id} header.</li>
 *   <li>{@code safety_identifier}: the user (the account when there is one, else the device), for the provider's
 *       abuse detection; a client that is not Claude Code has its whole {@code user_id} hashed.</li>
 * </ul>
 *
 * Both are SHA-256 in hex (64 characters, the most {@code safety_identifier} takes); either is null when the request
 * does not say.
 */
public record ClientIdentity(String promptCacheKey, String safetyIdentifier) {

    public static final ClientIdentity NONE = new ClientIdentity(null, null);

    private static final Pattern LEGACY_SESSION = Pattern.compile("_session_([0-9a-fA-F-]{8,})");
    private static final Pattern LEGACY_ACCOUNT = Pattern.compile("_account_([0-9a-fA-F-]{8,})_session_");
    private static final Pattern LEGACY_USER = Pattern.compile("^user_([0-9a-fA-F]{16,})_account_");

    /**
     * @param sessionHeader the {@code X-Claude-Code-Session-Id} header, used when {@code metadata.user_id} names no
     *                      session; may be null
     */
    public static ClientIdentity of(MessagesRequest request, String sessionHeader) {
        String userId = request.metadata() == null ? null : blankToNull(request.metadata().userId());
        String session = null;
        String user = null;
        if (userId != null) {
            JsonNode json = json(userId);
            if (json != null && json.isObject()) {
                session = blankToNull(json.path("session_id").asText(null));
                user = firstOf(blankToNull(json.path("account_uuid").asText(null)),
                        blankToNull(json.path("device_id").asText(null)));
            } else {
                session = group(LEGACY_SESSION, userId);
                user = firstOf(group(LEGACY_ACCOUNT, userId), group(LEGACY_USER, userId));
            }
            if (user == null && (json == null || !json.isObject()) && session == null) {
                user = userId;
            }
        }
        if (session == null) {
            session = blankToNull(sessionHeader);
        }
        return new ClientIdentity(session == null ? null : Sha256.hex(session), user == null ? null : Sha256.hex(user));
    }

    private static JsonNode json(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return ProxyJson.mapper().readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String firstOf(String first, String second) {
        return first != null ? first : second;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
