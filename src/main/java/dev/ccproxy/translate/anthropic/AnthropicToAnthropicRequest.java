package dev.ccproxy.translate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.routing.OutputTokens;
import dev.ccproxy.translate.common.AnthropicToUpstreamRequest;
import dev.ccproxy.translate.common.TranslationContext;

import java.io.IOException;

/**
 * Anthropic request → an Anthropic-speaking upstream (Ollama, llama.cpp, vLLM, SGLang, DeepSeek, OpenRouter on
 * {@code /v1/messages}): the client's own body, every field of it ({@code cache_control}, {@code mcp_servers},
 * fields newer than the proxy), with the upstream model's name and {@code max_tokens} within what its profile allows;
 * {@code context_management} is the proxy's to apply, not the upstream's. When the proxy's context edits changed the
 * history, the edited request is sent instead, from the fields the proxy reads.
 */
public final class AnthropicToAnthropicRequest implements AnthropicToUpstreamRequest {

    private final TokenLimits tokenLimits;

    public AnthropicToAnthropicRequest(TokenLimits tokenLimits) {
        this.tokenLimits = tokenLimits;
    }

    @Override
    public Object map(MessagesRequest request, TranslationContext context, byte[] clientBody) {
        boolean edited = context.contextManagement() != null
                && !context.contextManagement().path("applied_edits").isEmpty();
        JsonNode client = edited ? null : readObject(clientBody);
        if (!(client instanceof ObjectNode body)) {
            return map(request, context);
        }
        body.put("model", context.upstreamModel());
        body.put("max_tokens", OutputTokens.of(request, tokenLimits, context.target()));
        body.remove("context_management");
        return body;
    }

    private static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return ProxyJson.mapper().readTree(body);
        } catch (IOException readBeforeAndFine) {
            return null;
        }
    }

    @Override
    public MessagesRequest map(MessagesRequest request, TranslationContext context) {
        return request.forUpstream(context.upstreamModel(), OutputTokens.of(request, tokenLimits, context.target()));
    }
}
