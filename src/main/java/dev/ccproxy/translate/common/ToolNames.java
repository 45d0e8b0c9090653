package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolUseBlock;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tool names as OpenAI-compatible upstreams accept them ({@code ^[a-zA-Z0-9_-]{1,64}$}, or shorter where the
 * model's profile says so) and back again.
 *
 * <p>Claude Code's MCP tools are named {@code mcp__server__tool} and easily pass 64 characters; other clients use dots
 * or spaces. A name that already fits is sent as is; others get invalid characters replaced and, when too long or when
 * two names would collide, a short hash of the original. The mapping is rebuilt from each request (its tools and the
 * tool calls in its history), so the proxy keeps no state and a name maps the same way on every turn.
 */
public final class ToolNames {

    static final int MAX_LENGTH = 64;
    /** Room for the readable start of a name next to its hash. */
    private static final int MIN_LENGTH = 16;
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Pattern INVALID_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");

    private final int maxLength;
    private final Map<String, String> toUpstream = new HashMap<>();
    private final Map<String, String> toOriginal = new HashMap<>();

    private ToolNames(Set<String> originals, int maxLength) {
        this.maxLength = Math.max(MIN_LENGTH, Math.min(maxLength, MAX_LENGTH));
        for (String original : originals) {
            String candidate = sanitize(original);
            if (toOriginal.containsKey(candidate)) {
                candidate = withHash(candidate, original);
            }
            toUpstream.put(original, candidate);
            toOriginal.put(candidate, original);
        }
    }

    public static ToolNames forRequest(MessagesRequest request) {
        return forRequest(request, MAX_LENGTH);
    }

    /** @param maxLength the upstream model's limit on function names (its profile's), at most 64 */
    public static ToolNames forRequest(MessagesRequest request, int maxLength) {
        Set<String> names = new LinkedHashSet<>();
        if (request.tools() != null) {
            for (Tool tool : request.tools()) {
                if (tool != null && tool.name() != null) {
                    names.add(tool.name());
                }
            }
        }
        if (request.messages() != null) {
            for (Message message : request.messages()) {
                if (message != null && message.content() != null) {
                    for (ContentBlock block : message.content()) {
                        if (block instanceof ToolUseBlock use && use.name() != null) {
                            names.add(use.name());
                        }
                    }
                }
            }
        }
        return new ToolNames(names, maxLength);
    }

    /** The name to send upstream. */
    public String upstream(String original) {
        String known = toUpstream.get(original);
        return known != null ? known : sanitize(original);
    }

    /** The client's name for an upstream name; unknown names come back unchanged. */
    public String original(String upstream) {
        if (upstream == null) {
            return null;
        }
        return toOriginal.getOrDefault(upstream, upstream);
    }

    String sanitize(String name) {
        if (name.length() <= maxLength && VALID.matcher(name).matches()) {
            return name;
        }
        String cleaned = INVALID_CHAR.matcher(name).replaceAll("_");
        if (cleaned.isEmpty()) {
            cleaned = "tool";
        }
        return cleaned.length() <= maxLength ? cleaned : withHash(cleaned, name);
    }

    /** Keeps the readable start of the name and makes it unique with 8 hex characters of the original's hash. */
    private String withHash(String base, String original) {
        String hash = HexFormat.of().formatHex(Sha256.of(original), 0, 4);
        int keep = Math.min(base.length(), maxLength - hash.length() - 1);
        return base.substring(0, keep) + "_" + hash;
    }
}
