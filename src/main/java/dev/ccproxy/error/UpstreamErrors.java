package dev.ccproxy.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status table of docs/conversion.md, "Upstream errors": an upstream failure → the Anthropic error the client gets.
 * The upstream's own message is kept (it usually says exactly what is wrong: a model name, a context length), its shape
 * is not.
 *
 * <pre>
 * 400, 422 → 400 invalid_request_error      408, 504 → 504 timeout_error
 * 401      → 401 authentication_error       413      → 413 invalid_request_error
 * 402      → 402 billing_error              429      → 429 rate_limit_error (+ retry-after)
 * 403      → 403 permission_error           503, 529 → 529 overloaded_error
 * 404      → 404 not_found_error            other    → 500 api_error
 * </pre>
 *
 * A 400, 413 or 422 saying the prompt is over the model's context window ({@link ContextOverflow}) is a
 * {@link PromptTooLongException}: 400 in Anthropic's "prompt is too long" form.
 */
public final class UpstreamErrors {

    static final int MAX_MESSAGE_LENGTH = 500;

    private UpstreamErrors() {
    }

    /** An error status from the upstream, with its body and headers. */
    public static ProxyException fromStatus(int status, String body, Map<String, String> headers) {
        if ((status == 400 || status == 413 || status == 422) && ContextOverflow.matches(body)) {
            return PromptTooLongException.fromUpstream(messageOf(body), ContextOverflow.limit(body),
                    ContextOverflow.promptTokens(body));
        }
        String message = "Upstream error (HTTP " + status + "): " + messageOf(body);
        return switch (status) {
            case 400, 422 -> new ProxyException(AnthropicErrorType.INVALID_REQUEST, 400, message, null, null);
            case 401 -> new ProxyException(AnthropicErrorType.AUTHENTICATION, 401,
                    message + " (the upstream rejected the proxy's OPENAI_API_KEY)", null, null);
            case 402 -> new ProxyException(AnthropicErrorType.BILLING, message);
            case 403 -> new ProxyException(AnthropicErrorType.PERMISSION, message);
            case 404 -> new ProxyException(AnthropicErrorType.NOT_FOUND, message);
            case 408, 504 -> new ProxyException(AnthropicErrorType.TIMEOUT, message);
            case 413 -> new ProxyException(AnthropicErrorType.INVALID_REQUEST, 413, message, null, null);
            case 429 -> new ProxyException(AnthropicErrorType.RATE_LIMIT, 429, message, retryAfterSeconds(headers),
                    null);
            case 503, 529 -> new ProxyException(AnthropicErrorType.OVERLOADED, message);
            default -> new ProxyException(AnthropicErrorType.API, 500, message, null, null);
        };
    }

    /** The upstream could not be reached, or stopped answering. */
    public static ProxyException fromIo(IOException e, String upstream) {
        if (e instanceof UpstreamSilence silence) {
            return new ProxyException(AnthropicErrorType.TIMEOUT, 504, silence.getMessage(), null, e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new ProxyException(AnthropicErrorType.TIMEOUT, 504, "The upstream " + upstream
                    + " did not answer in time (proxy.upstream.first-byte-timeout-seconds)", null, e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new ProxyException(AnthropicErrorType.API, 502, "The upstream " + upstream
                    + " cannot be reached: " + reason(e), null, e);
        }
        return new ProxyException(AnthropicErrorType.API, 502, "The connection to the upstream " + upstream
                + " failed: " + reason(e), null, e);
    }

    /** What went wrong on the network, in words, not as a Java class name. */
    public static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            // verification is never turned off: a certificate the JVM does not trust is a failure, not a downgrade
            return "TLS failure: the upstream's certificate could not be verified (self-signed, expired, or issued by "
                    + "an authority the JVM's trust store does not hold; add that authority to the trust store)";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failure";
        }
        if (e instanceof org.apache.hc.core5.http.ConnectionClosedException) {
            return "the upstream closed the connection before its answer was complete";
        }
        if (e instanceof org.apache.hc.core5.http.NoHttpResponseException) {
            return "the server closed the connection without answering";
        }
        if (e instanceof java.net.SocketException) {
            return "the connection was reset";
        }
        return "network error";
    }

    /**
     * The {@code retry-after} to pass on, as whole seconds (what Claude Code's SDK reads): from {@code retry-after}
     * (seconds or an HTTP date) or {@code retry-after-ms}; null when the upstream gave none.
     */
    public static String retryAfterSeconds(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                caseless.put(name, value.trim());
            }
        });
        String millis = caseless.get("retry-after-ms");
        if (millis != null) {
            try {
                return Long.toString((long) Math.ceil(Double.parseDouble(millis) / 1000.0));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = caseless.get("retry-after");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.toString((long) Math.ceil(Double.parseDouble(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                long seconds = Duration.between(ZonedDateTime.now(at.getZone()), at).toSeconds();
                return Long.toString(Math.max(0, seconds));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** {@code error.message} of OpenAI-style bodies, {@code message}/{@code detail} of others, else the text. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode json = ProxyJson.mapper().readTree(body);
            for (JsonNode candidate : new JsonNode[] {json.path("error").path("message"), json.path("error"),
                    json.path("message"), json.path("detail")}) {
                if (candidate.isTextual() && !candidate.textValue().isBlank()) {
                    return shorten(candidate.textValue());
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text or HTML: use it as it is
        }
        return shorten(body);
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}
