package dev.ccproxy.testsupport.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The request line's method and target: mostly the two endpoints that read a Messages body, then the proxy's other
 * endpoints with odd queries, near-miss and hostile paths, and methods no route takes.
 */
public final class Targets {

    /** Which of the proxy's readers the body meets, which decides what it may answer. */
    public enum Endpoint { MESSAGES, COUNT_TOKENS, OTHER }

    public record Target(String method, String target, Endpoint endpoint) {
    }

    private Targets() {
    }

    public static Arbitrary<Target> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.of("/v1/messages", "/v1/messages?beta=true")
                        .map(path -> new Target("POST", path, Endpoint.MESSAGES))),
                Tuple.of(12, Arbitraries.of("/v1/messages/count_tokens", "/v1/messages/count_tokens?beta=true")
                        .map(path -> new Target("POST", path, Endpoint.COUNT_TOKENS))),
                Tuple.of(4, Arbitraries.of("/v1/models", "/v1/models?limit=0", "/v1/models?limit=-1",
                        "/v1/models?limit=abc", "/v1/models?limit=99999999999", "/v1/models?limit=1&after_id=%00",
                        "/v1/models?before_id=claude-opus-4&after_id=claude-sonnet-4", "/v1/models?limit=&limit=2",
                        "/v1/models/claude-sonnet-4-5", "/v1/models/%00", "/v1/models/%zz",
                        "/v1/models/" + "m".repeat(3000),
                        "/v1/models/..%2F..%2Fetc%2Fpasswd", "/health", "/health/ready", "/", "/api/hello",
                        "/health?x=%", "/v1/models?limit=1;DROP").map(path -> new Target("GET", path, Endpoint.OTHER))),
                Tuple.of(4, Arbitraries.of("/v1/messages/", "/V1/MESSAGES", "/v1//messages", "/v1/messages/../messages",
                        "/v1/messages%2Fcount_tokens", "/v1/messages?%zz=1", "/v1/messages?a=%", "/v1/messages;x=1",
                        "/v1/messages/count_tokens/", "/v1/messages/frobnicate", "/nope", "/%00", "/v1/%2e%2e/health",
                        "*", "http://evil.example/v1/messages").map(path -> new Target("POST", path, Endpoint.OTHER))),
                Tuple.of(1, Arbitraries.of("/v1/messages?" + "q=1&".repeat(2000), "/" + "a".repeat(9000),
                        "/v1/mess ages", "/v1/méssages").map(path -> new Target("POST", path, Endpoint.OTHER))),
                Tuple.of(2, Arbitraries.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROBNICATE", "get")
                        .map(method -> new Target(method, "/v1/messages", Endpoint.OTHER))),
                Tuple.of(1, Arbitraries.just(new Target("POST ", "/v1/messages", Endpoint.OTHER))));
    }
}
