package dev.ccproxy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Collection;
import java.util.Map;

/**
 * Jackson's errors as messages a client can act on: where in the body ({@code messages[0].content[1].text}) and what
 * was expected, in JSON's words, never in Java's (no class names reach a client).
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof JsonMappingException)) {
            return "Request body is not valid JSON: " + e.getOriginalMessage() + at(e.getLocation());
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getOriginalMessage() != null && mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return "Request body is not valid JSON: unexpected content after the end of the JSON object";
            }
            String path = path(mismatch);
            String expected = jsonType(mismatch.getTargetType());
            if (expected.equals("an array") && (path.endsWith("content") || path.equals("system"))) {
                // content fields take a string as well (ContentDeserializer)
                expected = "a string or an array of content blocks";
            }
            return (path.isEmpty() ? "Request body" : path) + ": expected " + expected;
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping);
            return (path.isEmpty() ? "Request body" : path) + ": invalid value";
        }
        return "Request body could not be read";
    }

    /** {@code messages[0].content[1].text}, as the client wrote it. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "a different JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
            return "an object";
        }
        return "a different JSON type";
    }

    private static String jsonType(JavaType type) {
        return jsonType(type == null ? null : type.getRawClass());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
