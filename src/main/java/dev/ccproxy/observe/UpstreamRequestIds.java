package dev.ccproxy.observe;

import java.util.List;
import java.util.function.Function;

/** Where providers put their own id of an answer, the one their support asks for. */
public final class UpstreamRequestIds {

    /** OpenAI, vLLM and most others: x-request-id; Anthropic: request-id; Azure's gateway: apim-request-id. */
    private static final List<String> HEADERS = List.of("x-request-id", "request-id", "apim-request-id");
    /** Ids are short; a longer value is not an id, and a log line is no place for it. */
    private static final int MAX_LENGTH = 128;

    private UpstreamRequestIds() {
    }

    /** The first id found among the response's headers (looked up case-insensitively by {@code header}), or null. */
    public static String find(Function<String, String> header) {
        for (String name : HEADERS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank() && value.length() <= MAX_LENGTH && printable(value)) {
                return value.strip();
            }
        }
        return null;
    }

    /** Printable ASCII only: what the upstream sends is not trusted to be fit for a log line. */
    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
