package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.responses.ResponsesInputItem;
import dev.ccproxy.openai.responses.ResponsesRequest;
import dev.ccproxy.openai.responses.ResponsesTool;
import dev.ccproxy.routing.OutputTokens;
import dev.ccproxy.translate.common.AnthropicToUpstreamRequest;
import dev.ccproxy.translate.common.BlockText;
import dev.ccproxy.translate.common.LoadedTools;
import dev.ccproxy.translate.common.OutputFormat;
import dev.ccproxy.translate.common.ReasoningEffort;
import dev.ccproxy.translate.common.Sampling;
import dev.ccproxy.translate.common.TranslationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages request → Responses API request (docs/conversion.md, "Requests to the Responses API"): the system
 * prompt as {@code instructions}, history as input items, tools flat, web search with its sources included, {@code
 * max_output_tokens}, reasoning effort for reasoning models, {@code store: false}. Stop sequences have no Responses
 * equivalent and are not sent.
 */
public final class AnthropicToResponsesRequest implements AnthropicToUpstreamRequest {

    /** Sources come back with each search, so web_search_tool_result blocks can list them. */
    static final String WEB_SEARCH_SOURCES = "web_search_call.action.sources";
    /** A reasoning model's reasoning items come back encrypted, to be sent back on the next turn. */
    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicToResponsesRequest.class);
    /** The Responses API refuses a smaller {@code max_output_tokens} (Claude Code's quota probe asks for 1). */
    static final int MIN_OUTPUT_TOKENS = 16;

    private final TokenLimits tokenLimits;

    public AnthropicToResponsesRequest(TokenLimits tokenLimits) {
        this.tokenLimits = tokenLimits;
    }

    @Override
    public ResponsesRequest map(MessagesRequest request, TranslationContext context) {
        List<ResponsesTool> tools = null;
        JsonNode toolChoice = null;
        Boolean parallelToolCalls = null;
        Integer maxToolCalls = null;
        List<String> include = new ArrayList<>(2);
        // tool_choice is checked whenever tools are declared, even when none of them is loaded yet
        JsonNode choice = request.hasTools()
                ? AnthropicToResponsesTools.toolChoice(request.toolChoice(), request.tools(), context.toolNames()) : null;
        List<Tool> loaded = LoadedTools.of(request);
        if (!loaded.isEmpty()) {
            tools = AnthropicToResponsesTools.tools(request.tools(), loaded, context.toolNames(),
                    context.profile().schemaDialect());
            toolChoice = choice;
            maxToolCalls = AnthropicToResponsesTools.maxToolCalls(request.tools());
            if (request.toolChoice() != null && request.toolChoice().parallelDisabled()) {
                parallelToolCalls = false;
            }
            if (request.wantsWebSearch()) {
                include.add(WEB_SEARCH_SOURCES);
            }
        }
        if (context.profile().reasoning() != ModelProfile.ReasoningStyle.NONE) {
            // store is false: the model's reasoning survives tool calls only if it travels with the conversation,
            // as thinking blocks whose signature carries it (ReasoningSignature)
            include.add(ENCRYPTED_REASONING);
        }
        if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
            LOG.info("stop_sequences {} are not sent: the Responses API has no stop parameter",
                    request.stopSequences());
        }
        String instructions = BlockText.join(request.system(), "\n\n");
        boolean sampling = Sampling.allowed(request, context);
        OutputFormat format = OutputFormat.of(request);
        List<ResponsesInputItem> input = AnthropicToResponsesInput.map(request.messages(), context.toolNames(),
                context.profile().vision(), context.profile().reasoning() != ModelProfile.ReasoningStyle.NONE);
        if (input.isEmpty()) {
            throw new InvalidRequestException(NOTHING_TO_SEND);
        }
        return new ResponsesRequest(
                context.upstreamModel(),
                instructions.isEmpty() ? null : instructions,
                input,
                tools,
                toolChoice,
                parallelToolCalls,
                format == null ? null : format.responsesText(),
                Math.max(MIN_OUTPUT_TOKENS, OutputTokens.of(request, tokenLimits, context.target())),
                maxToolCalls,
                sampling ? request.temperature() : null,
                sampling ? request.topP() : null,
                reasoning(request, context),
                include.isEmpty() ? null : List.copyOf(include),
                false,
                request.streaming() ? Boolean.TRUE : null,
                context.profile().promptCacheKey() ? context.identity().promptCacheKey() : null,
                context.profile().safetyIdentifier() ? context.identity().safetyIdentifier() : null);
    }

    /** Only reasoning models (a reasoning style in their profile) take a reasoning effort; others refuse it. */
    private static ResponsesRequest.Reasoning reasoning(MessagesRequest request, TranslationContext context) {
        String effort = ReasoningEffort.of(request);
        if (context.profile().reasoning() == ModelProfile.ReasoningStyle.NONE) {
            if (effort != null) {
                LOG.debug("{} is not a reasoning model; the requested effort {} is not sent", context.upstreamModel(),
                        effort);
            }
            return null;
        }
        boolean summaries = ReasoningEffort.thinkingWanted(request);
        if (effort == null && !summaries) {
            return null;
        }
        return new ResponsesRequest.Reasoning(effort, summaries ? "auto" : null);
    }
}
