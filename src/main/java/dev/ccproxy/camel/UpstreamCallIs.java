package dev.ccproxy.camel;

import dev.ccproxy.config.UpstreamApi;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

import java.util.function.Function;

/**
 * The routes' decisions, read from the exchange's {@link UpstreamCall}: the YAML's choices refer to these by name
 * ({@code ref: responsesApiCall}, {@code ref: streamedCall}), so that no route has to dig into the call.
 */
public final class UpstreamCallIs implements Predicate {

    private final Function<UpstreamCall, Boolean> test;

    private UpstreamCallIs(Function<UpstreamCall, Boolean> test) {
        this.test = test;
    }

    /** The call goes to the Responses API (web search, a Responses-only model, a provider configured for it). */
    public static UpstreamCallIs forTheResponsesApi() {
        return new UpstreamCallIs(call -> call.api() == UpstreamApi.RESPONSES);
    }

    /** An Anthropic-speaking upstream: the request goes as it is, the answer comes back as it is. */
    public static UpstreamCallIs forTheAnthropicApi() {
        return new UpstreamCallIs(call -> call.api() == UpstreamApi.ANTHROPIC);
    }

    /** The client asked for a stream. */
    public static UpstreamCallIs streamed() {
        return new UpstreamCallIs(UpstreamCall::stream);
    }

    @Override
    public boolean matches(Exchange exchange) {
        return test.apply(UpstreamCall.of(exchange));
    }
}
