package dev.ccproxy.anthropic;

import dev.ccproxy.error.InvalidRequestException;

/**
 * The query of {@code GET /v1/models}: {@code limit} (1 to 1000, default 20) and at most one cursor,
 * {@code after_id} (the page after that model) or {@code before_id} (the page before it).
 */
public record ModelListQuery(int limit, String afterId, String beforeId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    /** From the raw query values, each null when absent; a bad value is the client's error (400). */
    public static ModelListQuery parse(String limit, String afterId, String beforeId) {
        if (afterId != null && beforeId != null) {
            throw new InvalidRequestException("after_id and before_id cannot both be given");
        }
        return new ModelListQuery(limit(limit), cursor("after_id", afterId), cursor("before_id", beforeId));
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("limit: must be an integer, got: " + value);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit: must be between 1 and " + MAX_LIMIT + ", got: " + limit);
        }
        return limit;
    }

    private static String cursor(String name, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidRequestException(name + ": must not be empty");
        }
        return value;
    }
}
