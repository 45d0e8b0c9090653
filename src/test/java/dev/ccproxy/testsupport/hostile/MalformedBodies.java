package dev.ccproxy.testsupport.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.Arrays;
import java.util.List;

/**
 * Bodies that are not a JSON object, or not JSON, or not UTF-8: each one must be refused by every endpoint that reads
 * a Messages request. Every edit is one that no JSON parser may accept (see {@link JsonText} for where they land).
 */
final class MalformedBodies {

    /** Not a Messages request, though some are JSON. */
    private static final List<String> NOT_REQUESTS = List.of("", " ", "\n\t ", "null", "true", "42", "-0.0e-0",
            "\"a string\"", "[]", "[{}]", "{}", "{", "}", "{}}", "[", "{\"model\":}", "{\"model\"}", "\u0000",
            "{\"model\":\"claude-sonnet-4-5\"", "\uFEFF{}", "<xml/>", "model=claude&max_tokens=1", "{{}}", ",");

    /** Put right after the opening brace: none of them can start a member of a strict JSON object. */
    private static final List<String> BAD_MEMBERS = List.of(",", "}", "]", ":", "'model':1,", "model:1,", "/*c*/",
            "//c\n", "NaN", "\"a\":NaN,", "\"a\":Infinity,", "\"a\":-Infinity,", "\"a\":01,", "\"a\":.5,", "\"a\":1.,",
            "\"a\":+1,", "\"a\":0x10,", "\"a\":tru,", "\"a\":nul,", "\"a\":\"\u0001\",", "\"a\":\"\\q\",",
            "\"a\":\"\\u12\",", "\"a\" 1,", "\"a\"::1,", "\"a\":[1,],", "\"a\":{,},", "\"a\":undefined,", "\"a\",",
            "\"a\":1 \"b\":2,", "\"\\ud800\":\"\\u\",", "\"a\":'b',");

    /** Put after the end of the document: anything but whitespace. */
    private static final List<String> TRAILERS = List.of(" x", "}", "]", "{}", ",", "\u0000", " null", "\"",
            " {\"model\":\"x\"}");

    /** Byte sequences no UTF-8 decoder may accept. */
    private static final List<byte[]> NOT_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF, 'a'}, new byte[] {(byte) 0xC3, 'a'},
            new byte[] {(byte) 0xE2, (byte) 0x82, 'a'}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a'},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});

    /**
     * Sequences a strict decoder refuses but a lenient one may decode: overlong forms, an encoded surrogate, a code
     * point above U+10FFFF. The proxy may read them or not, but must not fail on what they decode to.
     */
    private static final List<byte[]> LENIENTLY_DECODED = List.of(new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    private MalformedBodies() {
    }

    static Arbitrary<HostileBody> invalidJson() {
        Arbitrary<HostileBody> notRequests = Arbitraries.of(NOT_REQUESTS)
                .map(text -> rejected("not-a-request", show(text), JsonText.utf8(text)));
        Arbitrary<HostileBody> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(bytes -> rejected("random-bytes", bytes.length + " random bytes", bytes));
        Arbitrary<HostileBody> edited = serialized().flatMap(json -> Arbitraries.oneOf(
                Arbitraries.integers().between(0, json.length - 1).map(cut -> rejected("invalid-json",
                        "cut off after " + cut + " of " + json.length + " bytes", Arrays.copyOf(json, cut))),
                Arbitraries.of(BAD_MEMBERS).map(member -> rejected("invalid-json", "starts with " + show(member),
                        JsonText.insert(json, 1, JsonText.utf8(member)))),
                Arbitraries.of(TRAILERS).map(trailer -> rejected("invalid-json", "followed by " + show(trailer),
                        JsonText.insert(json, json.length, JsonText.utf8(trailer)))),
                structuralEdit(json)));
        return Arbitraries.oneOf(notRequests, garbage, edited);
    }

    /** A structural character deleted, or a bracket or separator swapped for the wrong one. */
    private static Arbitrary<HostileBody> structuralEdit(byte[] json) {
        return Combinators.combine(Arbitraries.of(JsonText.structuralOffsets(json)), Arbitraries.of(true, false))
                .as((at, delete) -> {
                    byte original = json[at];
                    byte[] replacement = delete ? new byte[0] : new byte[] {swapped(original)};
                    return rejected("invalid-json", (delete ? "deleted " : "swapped ") + (char) original + " at " + at,
                            JsonText.replaceByte(json, at, replacement));
                });
    }

    private static byte swapped(byte structural) {
        return switch (structural) {
            case '{' -> '[';
            case '[' -> '{';
            case '}' -> ']';
            case ']' -> '}';
            case ':' -> ',';
            case ',' -> ':';
            default -> '\'';
        };
    }

    static Arbitrary<HostileBody> invalidUtf8() {
        return serialized().flatMap(json -> Combinators.combine(Arbitraries.of(JsonText.stringStarts(json)),
                Arbitraries.integers().between(0, NOT_UTF8.size() + LENIENTLY_DECODED.size() - 1),
                Arbitraries.of(true, false)).as((at, which, insideString) -> {
                    boolean strict = which < NOT_UTF8.size();
                    byte[] bad = strict ? NOT_UTF8.get(which) : LENIENTLY_DECODED.get(which - NOT_UTF8.size());
                    // outside a string, even a leniently decoded character is not JSON
                    int offset = insideString ? at : at - 1;
                    Expectation expected = strict || !insideString ? Expectation.REJECTED : Expectation.ANSWERED;
                    return new HostileBody("invalid-utf8", hex(bad) + (insideString ? " inside" : " before")
                            + " the string at " + at, JsonText.insert(json, offset, bad), expected, expected);
                }));
    }

    private static Arbitrary<byte[]> serialized() {
        return ValidRequests.any().map(request -> JsonText.utf8(JsonText.write(request)));
    }

    private static HostileBody rejected(String kind, String what, byte[] bytes) {
        return new HostileBody(kind, what, bytes, Expectation.REJECTED, Expectation.REJECTED);
    }

    static String show(String text) {
        String shown = text.replace("\n", "\\n").replace("\u0000", "\\0").replace("\u0001", "\\1");
        return "'" + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown) + "'";
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.isEmpty() ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }
}
