package dev.ccproxy.testsupport.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The request's headers (besides Host, Connection and the body's framing, which {@link HostileRequest} writes): as
 * Claude Code sends them, or with a wrong or missing content type, duplicates, huge values, bad
 * {@code anthropic-version} and {@code anthropic-beta} values, bytes that are not ASCII, odd names and hop-by-hop
 * headers.
 */
public final class HostileHeaders {

    /** One header line as written: the name and the value's bytes (which need not be ASCII). */
    public record Header(String name, byte[] value) {

        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            String shown = text.length() > 60 ? text.substring(0, 60) + "… (" + value.length + " bytes)" : text;
            return name + ": " + shown;
        }
    }

    /**
     * A set of headers, and what it does to a Messages request: {@code ACCEPTED} leaves a valid request valid,
     * {@code REJECTED} makes any request invalid (a content type that is not JSON), {@code ANSWERED} may go either way.
     */
    public record HeaderSet(String kind, List<Header> headers, Expectation onMessages) {
    }

    private static final Header JSON = Header.of("Content-Type", "application/json");
    private static final List<Header> CLAUDE_CODE = List.of(JSON, Header.of("anthropic-version", "2023-06-01"),
            Header.of("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"),
            Header.of("x-api-key", "dummy-key-123"), Header.of("User-Agent", "claude-cli/2.1.331 (external, sdk-cli)"),
            Header.of("X-Claude-Code-Session-Id", "c878535a-6c03-473c-86e1-57dc5148c5fc"), Header.of("x-app", "cli"));

    private static final List<String> NOT_JSON = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "multipart/form-data", "application/xml", "text/html; charset=utf-8",
            "application/octet-stream", "image/png", "application/jsonp", "text/json", "*/*", "application",
            "application/", "/json", "json", ";;;", "application/json-seq");
    private static final List<String> ODD_JSON = List.of("application/json; charset=utf-8", "APPLICATION/JSON",
            "application/json; charset=utf-16", "application/json; charset=latin1", "application/vnd.anthropic+json",
            "application/json;;", "  application/json  ", "application/json, text/plain", "application/json; =",
            "application/json; charset=\"", "");
    private static final List<String> BETAS = List.of(",", ",,a,,", "a b c", "\t", "claude-code-20250219,,",
            "context-management-2025-06-27", "frobnicate-2099-01-01", "é字😀", "null", "[\"json\"]",
            "claude-code-20250219, context-1m-2025-08-07 ,prompt-caching-2024-07-31");
    private static final List<String> VERSIONS = List.of("", " ", "garbage", "2023-06-01, 2023-06-01", "9999-99-99",
            "2023-01-01", "0", "2023-06-01\t", "é");

    private HostileHeaders() {
    }

    public static Arbitrary<HeaderSet> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(new HeaderSet("claude-code", CLAUDE_CODE, Expectation.ACCEPTED),
                        new HeaderSet("plain", List.of(JSON), Expectation.ACCEPTED),
                        new HeaderSet("no-content-type", List.of(), Expectation.ACCEPTED))),
                Tuple.of(1, Arbitraries.of(NOT_JSON).map(type -> set("not-json-content-type",
                        Expectation.REJECTED, Header.of("Content-Type", type)))),
                Tuple.of(1, Arbitraries.of(ODD_JSON).map(type -> set("odd-json-content-type", Expectation.ANSWERED,
                        Header.of("Content-Type", type)))),
                Tuple.of(1, duplicates()),
                Tuple.of(1, huge()),
                Tuple.of(1, anthropicValues()),
                Tuple.of(1, notAscii()),
                Tuple.of(1, oddNames()),
                Tuple.of(1, hopByHop()));
    }

    private static Arbitrary<HeaderSet> duplicates() {
        return Arbitraries.of(
                set("duplicate", Expectation.ANSWERED, JSON, JSON),
                set("duplicate", Expectation.ANSWERED, JSON, Header.of("Content-Type", "text/plain")),
                set("duplicate", Expectation.ANSWERED, Header.of("Content-Type", "text/plain"), JSON),
                set("duplicate", Expectation.ANSWERED, JSON, Header.of("anthropic-version", "2023-06-01"),
                        Header.of("anthropic-version", "2099-01-01")),
                set("duplicate", Expectation.ANSWERED, JSON, Header.of("anthropic-beta", "a"),
                        Header.of("anthropic-beta", "b"), Header.of("anthropic-beta", "")),
                set("duplicate", Expectation.ANSWERED, JSON, Header.of("x-api-key", "a"), Header.of("x-api-key", "b"),
                        Header.of("Authorization", "Bearer c")),
                set("duplicate", Expectation.ANSWERED, JSON, Header.of("Host", "evil.example"),
                        Header.of("X-Claude-Code-Session-Id", "a"), Header.of("X-Claude-Code-Session-Id", "b")));
    }

    /** One value of up to 20 KB, or hundreds of headers: around and past the server's header limits. */
    private static Arbitrary<HeaderSet> huge() {
        Arbitrary<HeaderSet> oneHuge = Combinators.combine(Arbitraries.of("anthropic-beta", "anthropic-version",
                        "User-Agent", "x-api-key", "Authorization", "Cookie", "X-Claude-Code-Session-Id", "X-Custom"),
                Arbitraries.integers().between(1_000, 20_000))
                .as((name, size) -> set("huge-header", Expectation.ANSWERED, JSON, Header.of(name, "v".repeat(size))));
        Arbitrary<HeaderSet> many = Arbitraries.integers().between(50, 400).map(count -> {
            List<Header> headers = new ArrayList<>(List.of(JSON));
            for (int i = 0; i < count; i++) {
                headers.add(Header.of("X-Many-" + i, "value-" + i + "-".repeat(20)));
            }
            return new HeaderSet("many-headers", headers, Expectation.ANSWERED);
        });
        return Arbitraries.oneOf(oneHuge, many);
    }

    private static Arbitrary<HeaderSet> anthropicValues() {
        return Combinators.combine(Arbitraries.of(BETAS), Arbitraries.of(VERSIONS)).as((beta, version) ->
                set("bad-anthropic-headers", Expectation.ANSWERED, JSON, Header.of("anthropic-beta", beta),
                        Header.of("anthropic-version", version)));
    }

    private static Arbitrary<HeaderSet> notAscii() {
        return Arbitraries.of(
                        "é字😀".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, 'a'}, new byte[] {(byte) 0xFF},
                        new byte[] {'a', 0x01, 'b'}, new byte[] {'a', 0x7F}, new byte[] {'a', 0, 'b'},
                        new byte[] {'a', '\r', 'b'}, new byte[] {(byte) 0xC0, (byte) 0xAF})
                .flatMap(value -> Arbitraries.of("anthropic-beta", "anthropic-version", "x-api-key", "User-Agent",
                                "X-Claude-Code-Session-Id", "Content-Type")
                        .map(name -> set("non-ascii-header", Expectation.ANSWERED, JSON, new Header(name, value))));
    }

    private static Arbitrary<HeaderSet> oddNames() {
        return Arbitraries.of("X Space", "Xé", "", "Content-Type ", " X-Leading", "x:y", "X\tTab", "(){}", "X-Ünï")
                .map(name -> set("odd-header-name", Expectation.ANSWERED, JSON, Header.of(name, "a")));
    }

    private static Arbitrary<HeaderSet> hopByHop() {
        return Arbitraries.of(
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Expect", "100-continue")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Expect", "teapot")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Upgrade", "websocket")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Upgrade", "h2c")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Connection", "Upgrade, HTTP2-Settings"),
                        Header.of("Upgrade", "h2c"), Header.of("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Content-Encoding", "gzip")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Content-Encoding", "br, frobnicate")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("TE", "trailers"),
                        Header.of("Keep-Alive", "timeout=1"), Header.of("Proxy-Authorization", "Basic eDp5")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("Accept-Encoding", "gzip, deflate, br, zstd"),
                        Header.of("Accept", "text/event-stream")),
                set("hop-by-hop", Expectation.ANSWERED, JSON, Header.of("X-Forwarded-For", "1.2.3.4, ::1"),
                        Header.of("Forwarded", "for=\"[::1]\";proto=gopher"), Header.of("X-Forwarded-Host", "evil")));
    }

    private static HeaderSet set(String kind, Expectation onMessages, Header... headers) {
        return new HeaderSet(kind, List.of(headers), onMessages);
    }
}
