package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests as the bytes on the wire, and where in those bytes a mutation can go: the JSON's structural characters
 * and the insides of its strings, found by a scan that knows string and escape state (so an edit never lands where
 * it would leave the JSON valid by accident).
 */
final class JsonText {

    /** Stands for a value whose text is spliced in later (deeper nesting or stranger escapes than a tree holds). */
    static final String SPLICE = "__spliced_in_here__";

    private static final ObjectMapper WRITER = new ObjectMapper();

    private JsonText() {
    }

    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code node} written out with {@code raw} in place of the string {@value #SPLICE}. */
    static String splice(JsonNode node, String raw) {
        return write(node).replace("\"" + SPLICE + "\"", raw);
    }

    /** Offsets of the structural characters ({@code { } [ ] : ,} and the quotes) outside strings. */
    static List<Integer> structuralOffsets(byte[] json) {
        List<Integer> offsets = new ArrayList<>();
        scan(json, offsets, null);
        return offsets;
    }

    /** Offsets just after each opening quote: the first byte inside every string (keys and values). */
    static List<Integer> stringStarts(byte[] json) {
        List<Integer> starts = new ArrayList<>();
        scan(json, null, starts);
        return starts;
    }

    private static void scan(byte[] json, List<Integer> structural, List<Integer> stringStarts) {
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                    add(structural, i);
                }
            } else if (b == '"') {
                inString = true;
                add(structural, i);
                add(stringStarts, i + 1);
            } else if ("{}[]:,".indexOf(b) >= 0) {
                add(structural, i);
            }
        }
    }

    private static void add(List<Integer> list, int offset) {
        if (list != null) {
            list.add(offset);
        }
    }

    static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    static byte[] replaceByte(byte[] bytes, int at, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + replacement.length);
        out.write(bytes, 0, at);
        out.write(replacement, 0, replacement.length);
        out.write(bytes, at + 1, bytes.length - at - 1);
        return out.toByteArray();
    }
}
