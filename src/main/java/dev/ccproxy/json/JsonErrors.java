package dev.ccproxy.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's errors as messages a client can act on: where in the body ({@code messages[0].content[1].text}) and what
 * was expected, in JSON's words, never in Java's (no class names reach a client).
 */
public final class JsonErrors {

    private static final Pattern INVALID_UTF8 = Pattern.compile("Invalid UTF-8 (?:start|middle) byte 0x([0-9a-fA-F]+)");
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'");

    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        return describe(e, null);
    }

    /** As {@link #describe(JsonProcessingException)}; with the {@code body}, a byte that is not UTF-8 is located. */
    public static String describe(JsonProcessingException e, byte[] body) {
        StreamConstraintsException limit = limit(e);
        if (limit != null) {
            String message = limit.getOriginalMessage() == null ? "" : limit.getOriginalMessage();
            return message.contains("nesting depth")
                    ? "Request body nests arrays and objects deeper than this proxy accepts (proxy.server.max-json-depth)"
                    : "Request body holds a value longer than this proxy accepts";
        }
        // a body that breaks off or holds a bad token inside a field reaches us wrapped in a mapping exception for
        // that field; the parser's own failure underneath is what the client needs to hear
        StreamReadException unreadable = unreadable(e);
        if (unreadable != null) {
            return unreadableBody(unreadable, body);
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

    private static StreamConstraintsException limit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static StreamReadException unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException read && !(t instanceof JsonMappingException)) {
                return read;
            }
        }
        return null;
    }

    /** The parser's failure in the client's terms: where the body breaks off, which byte is not UTF-8, which token. */
    private static String unreadableBody(StreamReadException e, byte[] body) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher utf8 = INVALID_UTF8.matcher(message);
        if (utf8.find()) {
            // the parser reports where it stopped, often the string's end; the decoder finds the byte itself
            int offset = body == null ? -1 : firstNonUtf8(body);
            return "Request body is not valid UTF-8: byte 0x" + utf8.group(1).toUpperCase(Locale.ROOT)
                    + (offset >= 0 ? " at offset " + offset : at(e.getLocation()));
        }
        String what;
        if (e instanceof JsonEOFException) {
            what = message.contains("closing quote") || message.contains("VALUE_STRING")
                    ? "the body ends inside a string" : "the body ends before the JSON does";
        } else {
            Matcher token = UNRECOGNIZED_TOKEN.matcher(message);
            what = token.find() ? "unrecognized token '" + token.group(1) + "'" : message;
        }
        return "Request body is not valid JSON: " + what + at(e.getLocation());
    }

    /** The offset of the first byte that does not belong to valid UTF-8, or -1. */
    static int firstNonUtf8(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(body.length), true);
        return result.isError() ? in.position() : -1;
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
