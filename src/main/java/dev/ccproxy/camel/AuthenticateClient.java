package dev.ccproxy.camel;

import dev.ccproxy.error.AuthenticationException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks the client's key when {@code ANTHROPIC_API_KEY} is set: {@code x-api-key} (Claude Code, SDKs) or
 * {@code Authorization: Bearer} (ANTHROPIC_AUTH_TOKEN, the TypeScript SDK). Keys are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken says nothing about the key, not even its length.
 */
public final class AuthenticateClient implements Processor {

    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;

    /** @param clientApiKey the key clients must present; null leaves the proxy open */
    public AuthenticateClient(String clientApiKey) {
        this.expectedDigest = clientApiKey == null ? null : sha256(clientApiKey);
    }

    @Override
    public void process(Exchange exchange) {
        if (expectedDigest == null) {
            return;
        }
        String presented = presentedKey(exchange.getIn());
        if (presented == null) {
            throw new AuthenticationException("Missing API key: send it in the x-api-key header "
                    + "(or as Authorization: Bearer)");
        }
        if (!MessageDigest.isEqual(sha256(presented), expectedDigest)) {
            throw new AuthenticationException("Invalid API key");
        }
    }

    private static String presentedKey(Message in) {
        String apiKey = in.getHeader("x-api-key", String.class);
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = in.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
