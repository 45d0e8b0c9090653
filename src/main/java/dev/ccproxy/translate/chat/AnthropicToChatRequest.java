package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.chat.ChatCompletionRequest;
import dev.ccproxy.openai.chat.ChatMessage;
import dev.ccproxy.openai.chat.ChatTool;
import dev.ccproxy.routing.OutputTokens;
import dev.ccproxy.translate.common.AnthropicToUpstreamRequest;
import dev.ccproxy.translate.common.LoadedTools;
import dev.ccproxy.translate.common.OutputFormat;
import dev.ccproxy.translate.common.Sampling;
import dev.ccproxy.translate.common.TranslationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Anthropic Messages request → Chat Completions request (docs/conversion.md, "Requests to Chat Completions"), shaped by
 * the upstream model's profile: {@code max_tokens} clamped to what the model allows and sent under the name it takes,
 * sampling parameters only when the client set them and the model accepts them, reasoning in the model's style, images
 * only for models that see, tool schemas in the model's dialect. {@code top_k} has no OpenAI equivalent and is dropped.
 */
public final class AnthropicToChatRequest implements AnthropicToUpstreamRequest {

    /** OpenAI accepts at most four stop sequences. */
    static final int MAX_STOP_SEQUENCES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicToChatRequest.class);

    private final TokenLimits tokenLimits;

    public AnthropicToChatRequest(TokenLimits tokenLimits) {
        this.tokenLimits = tokenLimits;
    }

    @Override
    public ChatCompletionRequest map(MessagesRequest request, TranslationContext context) {
        ModelProfile profile = context.profile();
        List<ChatTool> tools = null;
        JsonNode toolChoice = null;
        Boolean parallelToolCalls = null;
        // tool_choice is checked whenever tools are declared, even when none of them is loaded yet
        JsonNode choice = request.hasTools()
                ? AnthropicToChatTools.toolChoice(request.toolChoice(), request.tools(), context.toolNames()) : null;
        List<Tool> loaded = LoadedTools.of(request);
        if (!loaded.isEmpty()) {
            tools = AnthropicToChatTools.tools(request.tools(), loaded, context.toolNames(), profile.schemaDialect());
            toolChoice = choice;
            if (request.toolChoice() != null && request.toolChoice().parallelDisabled()) {
                parallelToolCalls = false;
            }
        }
        if (request.topK() != null) {
            LOG.debug("top_k has no Chat Completions equivalent and is not sent");
        }
        int maxTokens = OutputTokens.of(request, tokenLimits, context.target());
        boolean completionTokens = profile.completionTokens();
        boolean sampling = Sampling.allowed(request, context);
        ChatReasoning reasoning = ChatReasoning.of(request, profile.reasoning());
        boolean streamUsage = context.target().provider().includeUsage();
        OutputFormat format = OutputFormat.of(request);
        List<ChatMessage> messages = AnthropicToChatMessages.map(request.system(), request.messages(),
                context.toolNames(), profile);
        if (messages.stream().allMatch(message -> "system".equals(message.role())
                || "developer".equals(message.role()))) {
            throw new InvalidRequestException(NOTHING_TO_SEND);
        }
        return new ChatCompletionRequest(
                context.upstreamModel(),
                messages,
                completionTokens ? null : maxTokens,
                completionTokens ? maxTokens : null,
                sampling ? request.temperature() : null,
                sampling ? request.topP() : null,
                // a stream is watched for its stop sequences by the proxy (ChatToAnthropicStream), which then knows
                // which one ended the answer; upstreams seldom say, and they take at most four
                request.streaming() ? null : stop(request.stopSequences()),
                request.streaming() ? Boolean.TRUE : null,
                request.streaming() && streamUsage ? new ChatCompletionRequest.StreamOptions(true) : null,
                tools,
                toolChoice,
                parallelToolCalls,
                format == null ? null : format.chatResponseFormat(),
                profile.promptCacheKey() ? context.identity().promptCacheKey() : null,
                profile.safetyIdentifier() ? context.identity().safetyIdentifier() : null,
                reasoning.reasoningEffort(),
                reasoning.reasoning(),
                reasoning.thinking(),
                reasoning.chatTemplateKwargs());
    }

    private static List<String> stop(List<String> sequences) {
        if (sequences == null || sequences.isEmpty()) {
            return null;
        }
        if (sequences.size() > MAX_STOP_SEQUENCES) {
            LOG.warn("{} stop sequences requested; OpenAI-compatible upstreams take at most {}, the rest are not sent",
                    sequences.size(), MAX_STOP_SEQUENCES);
            return List.copyOf(sequences.subList(0, MAX_STOP_SEQUENCES));
        }
        return List.copyOf(sequences);
    }
}
