package dev.ccproxy.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Route tests against a {@link ScriptedUpstream} instead of WireMock: for streams with real gaps, and to see the
 * proxy hang up. Each request gets {@link #nextReply} unless a subclass scripts {@link #reply} itself.
 */
public abstract class ScriptedRouteTestSupport extends ProxyRouteTestSupport {

    protected final AtomicReference<ScriptedUpstream.Reply> nextReply = new AtomicReference<>();
    protected final ScriptedUpstream scripted;
    private int validated;
    /** The upstream's counts when the test began: the stub serves the whole class. */
    protected int requestsBefore;
    protected int closesBefore;

    protected ScriptedRouteTestSupport() {
        try {
            scripted = new ScriptedUpstream(this::reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void countFromHere() {
        requestsBefore = scripted.requests().size();
        closesBefore = scripted.closesByProxy();
    }

    /** Requests the upstream received during this test. */
    protected int upstreamCalls() {
        return scripted.requests().size() - requestsBefore;
    }

    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return nextReply.get();
    }

    /** Settings besides the upstream URL. */
    protected Map<String, String> scriptedSettings() {
        return Map.of();
    }

    @Override
    protected final Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(scriptedSettings());
        settings.put("proxy.upstream.base-url", scripted.baseUrl());
        return settings;
    }

    /** Every request the scripted upstream received during the test satisfies OpenAI's published spec. */
    @AfterEach
    void everyScriptedRequestSatisfiesOpenAiSpec() {
        List<ScriptedUpstream.Request> requests = scripted.requests();
        if (OpenApiSpec.available()) {
            for (ScriptedUpstream.Request request : requests.subList(validated, requests.size())) {
                OpenApiSpec.assertValid(request.path().contains("/responses")
                        ? OpenApiSpec.RESPONSES_REQUEST : OpenApiSpec.CHAT_REQUEST, request.body());
            }
        }
        validated = requests.size();
    }

    @AfterAll
    void stopScripted() throws IOException {
        scripted.close();
    }
}
