package dev.ccproxy.testsupport;

import java.time.Duration;

/**
 * The smallest conversation and the upstream's answer to it, streamed or not, for tests about what happens around a
 * request (routes edited, reloaded, embedded) rather than about its translation.
 */
public final class Hello {

    private Hello() {
    }

    /** {@code POST /v1/messages}'s body: "hi" to {@code model}. */
    public static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":5,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** A Chat Completions answer: "Hi" as a stream when the request streams, the text-only golden answer if not. */
    public static ScriptedUpstream.Reply answer(ScriptedUpstream.Request request) {
        return request.body().contains("\"stream\":true") ? ScriptedUpstream.sse(Duration.ZERO, Chunks.answer("Hi"))
                : ScriptedUpstream.json(200, ProxyRouteTestSupport.upstreamAnswer("text-only"));
    }
}
