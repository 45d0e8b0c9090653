package dev.ccproxy.translate.responses;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Responses reasoning item carried in a thinking block's {@code signature}, so that it can go back upstream on the
 * next turn: {@code ccproxy-reasoning-v1.<item id>.<encrypted content>}. Only signatures of this form are ever read
 * back; Anthropic's own, or another provider's, are not ours to send anywhere.
 *
 * @param id               the reasoning item's id (the Responses API requires it back)
 * @param encryptedContent what {@code include: ["reasoning.encrypted_content"]} returned
 */
public record ReasoningSignature(String id, String encryptedContent) {

    static final String PREFIX = "ccproxy-reasoning-v1.";
    private static final Pattern FORM = Pattern.compile(Pattern.quote(PREFIX) + "([A-Za-z0-9_-]+)\\.(\\S+)");

    /** The signature for a reasoning item, or null when the upstream gave no encrypted content. */
    static String of(String id, String encryptedContent) {
        if (id == null || encryptedContent == null || encryptedContent.isEmpty() || !id.matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        return PREFIX + id + "." + encryptedContent;
    }

    /** The reasoning item a signature carries, if it is one of ours. */
    static Optional<ReasoningSignature> read(String signature) {
        if (signature == null || !signature.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(signature);
        return matcher.matches() ? Optional.of(new ReasoningSignature(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }
}
