package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.anthropic.StreamEvent.Delta;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.UpstreamStreamException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.chat.ChatCompletionChunk;
import dev.ccproxy.openai.chat.ChatUsage;
import dev.ccproxy.openai.chat.ToolCall;
import dev.ccproxy.translate.common.ContentBlocks;
import dev.ccproxy.translate.common.SseEvent;
import dev.ccproxy.translate.common.StopReasons;
import dev.ccproxy.translate.common.StopSequenceWatch;
import dev.ccproxy.translate.common.StopSequences;
import dev.ccproxy.translate.common.ToolArguments;
import dev.ccproxy.translate.common.TranslationContext;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat Completions chunks → Anthropic stream events, the state machine of docs/conversion.md, "Streaming: Chat
 * Completions chunks". One instance per stream.
 *
 * <ul>
 *   <li>{@code message_start} (input tokens estimated) and {@code ping} first.</li>
 *   <li>Exactly one content block open at a time; indexes 0, 1, 2, … in the order blocks start; every start stopped.</li>
 *   <li>Reasoning ({@code reasoning_content}, {@code reasoning}) → a thinking block; text → a text block; each tool
 *       call → a tool_use block whose input arrives only as {@code input_json_delta}, fragment by fragment. A tool
 *       block opens with its first argument fragment, so providers that announce every call before sending any
 *       arguments still stream; a call whose arguments arrive interleaved with the open call's waits for its turn.
 *       The buffered mode sends every call whole at the end instead (and repairs its arguments first).</li>
 *   <li>{@code finish_reason} is remembered and the usage chunk awaited; {@code message_delta} and
 *       {@code message_stop} come when the stream ends.</li>
 * </ul>
 */
public final class ChatToAnthropicStream implements UpstreamToAnthropicStream {

    private static final Logger LOG = LoggerFactory.getLogger(ChatToAnthropicStream.class);
    /** Enough of the answer's end to recognise a stop sequence the upstream left in the text. */
    private static final int TEXT_TAIL = 512;

    /** A tool call as it builds up; {@code block} is -1 until its block has started. */
    private static final class Tool {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
        int block = -1;
        boolean closed;
    }

    private final TranslationContext context;
    private final boolean bufferToolCalls;
    private final int inputTokenEstimate;
    private final String messageId = Ids.message();

    private final ContentBlocks blocks = new ContentBlocks();
    private final Map<Integer, Tool> tools = new LinkedHashMap<>();
    private Tool openTool;

    private final StringBuilder textTail = new StringBuilder();
    /** A streamed request is sent without stop: the proxy watches the text, so it knows which sequence ended it. */
    private final StopSequenceWatch stops;
    private boolean refused;
    private String finishReason;
    /** Whether any chunk carried the answer's choice (a stream of only empty choices answered nothing). */
    private boolean sawChoice;
    private JsonNode reportedStop;
    private ChatUsage usage;

    public ChatToAnthropicStream(TranslationContext context, boolean bufferToolCalls,
            int inputTokenEstimate) {
        this.context = context;
        this.bufferToolCalls = bufferToolCalls;
        this.inputTokenEstimate = inputTokenEstimate;
        this.stops = new StopSequenceWatch(context.stopSequences());
    }

    private static final String DONE = "[DONE]";

    private boolean sawDone;

    /** {@code message_start} with the estimated input, then a {@code ping}. */
    @Override
    public List<StreamEvent> start() {
        return UpstreamToAnthropicStream.opening(messageId, context.requestedModel(), inputTokenEstimate);
    }

    /** One SSE event: a chunk, {@code [DONE]}, or an {@code error} event some providers send. */
    @Override
    public List<StreamEvent> onEvent(SseEvent event) {
        if (DONE.equals(event.data().trim())) {
            if (!sawChoice && stops.matched() == null) {
                // not even an empty answer: a stream of nothing but empty choices is the upstream failing, and an
                // empty message would leave Claude Code with a turn that says nothing
                throw new UpstreamStreamException(AnthropicErrorType.API,
                        "The upstream's stream ended without any answer (no choices)");
            }
            sawDone = true;
            return List.of();
        }
        try {
            if ("error".equals(event.name())) {
                throw UpstreamStreamException.fromErrorChunk(ProxyJson.mapper().readTree(event.data()).path("error"));
            }
            return onChunk(ProxyJson.mapper().readValue(event.data(), ChatCompletionChunk.class));
        } catch (JsonProcessingException e) {
            throw new UpstreamStreamException(AnthropicErrorType.API, "The upstream sent a malformed stream chunk");
        }
    }

    @Override
    public boolean done() {
        return sawDone || stops.matched() != null;
    }

    @Override
    public boolean cutShort() {
        return !sawDone && stops.matched() != null;
    }

    /** The events one upstream chunk produces (often none: a role-only chunk, the usage chunk). */
    List<StreamEvent> onChunk(ChatCompletionChunk chunk) {
        List<StreamEvent> events = new ArrayList<>();
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw UpstreamStreamException.fromErrorChunk(chunk.error());
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices() == null) {
            return events;
        }
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
            if (choice == null || (choice.index() != null && choice.index() != 0)) {
                continue;
            }
            sawChoice = true;
            ChatCompletionChunk.Delta delta = choice.delta();
            if (delta != null) {
                String reasoning = nonEmpty(delta.reasoningContent()) ? delta.reasoningContent() : delta.reasoning();
                if (nonEmpty(reasoning)) {
                    ensureOpen(ContentBlocks.Kind.THINKING, events);
                    blocks.delta(Delta.thinking(reasoning), events);
                    blocks.wrote(reasoning);
                }
                if (nonEmpty(delta.content())) {
                    text(delta.content(), events);
                }
                if (nonEmpty(delta.refusal())) {
                    refused = true;
                    text(delta.refusal(), events);
                }
                if (delta.toolCalls() != null) {
                    for (ToolCall call : delta.toolCalls()) {
                        if (call != null) {
                            toolCall(call, events);
                        }
                    }
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
                reportedStop = choice.stopReason() != null ? choice.stopReason() : choice.matchedStop();
            }
        }
        return events;
    }

    /** Whether the upstream has said why the answer ended; a stream that ends before that was cut off. */
    @Override
    public boolean answered() {
        return finishReason != null || stops.matched() != null;
    }

    /** Closes what is open and ends the message: {@code message_delta} (stop reason, usage), {@code message_stop}. */
    @Override
    public List<StreamEvent> finish() {
        List<StreamEvent> events = new ArrayList<>();
        closeOpen(events);
        for (Tool tool : tools.values()) {
            if (tool.block < 0) {
                // buffered, waiting for its turn, or never given arguments: its whole input is known by now, so it
                // is repaired where needed and sent in one piece
                String input = ToolArguments.parse(tool.arguments.toString()).toString();
                tool.arguments.setLength(0);
                tool.arguments.append(input);
                openTool(tool, events);
                blocks.delta(Delta.inputJson(input), events);
                closeOpen(events);
            }
        }
        blocks.atLeastOne(events);
        String stopSequence = stops.matched() != null ? stops.matched()
                : StopSequences.matched(context.stopSequences(), textTail.toString(), reportedStop);
        String stopReason = refused ? StopReasons.REFUSAL : stops.matched() != null ? StopReasons.STOP_SEQUENCE
                : ChatToAnthropicStopReason.of(finishReason, !tools.isEmpty(), stopSequence);
        events.add(StreamEvent.messageDelta(stopReason,
                StopReasons.STOP_SEQUENCE.equals(stopReason) ? stopSequence : null, finalUsage(),
                context.contextManagement()));
        events.add(StreamEvent.messageStop());
        return events;
    }

    /** Usage as the upstream reported it; without a usage chunk, an estimate rather than a zero. */
    private Usage finalUsage() {
        if (usage != null) {
            return ChatToAnthropicUsage.of(usage);
        }
        LOG.debug("No usage chunk in the stream; output tokens are estimated");
        return new Usage(inputTokenEstimate, blocks.outputEstimate(), 0, 0, null);
    }

    private void text(String delta, List<StreamEvent> events) {
        if (stops.matched() != null) {
            return;
        }
        String text = stops.accept(delta);
        if (text.isEmpty()) {
            return;
        }
        ensureOpen(ContentBlocks.Kind.TEXT, events);
        blocks.delta(Delta.text(text), events);
        blocks.wrote(text);
        textTail.append(text);
        if (textTail.length() > TEXT_TAIL * 2) {
            textTail.delete(0, textTail.length() - TEXT_TAIL);
        }
    }

    /**
     * A tool-call delta. The call whose block is open streams its fragments as they come. Another call's fragments
     * wait while the open call's arguments are still incomplete (the upstream interleaves parallel calls); once they
     * form a whole JSON object, the next call to speak gets its block, starting with everything it has so far.
     */
    private void toolCall(ToolCall call, List<StreamEvent> events) {
        Tool tool = toolFor(call);
        String fragment = call.function() == null ? null : call.function().arguments();
        if (nonEmpty(fragment)) {
            tool.arguments.append(fragment);
            blocks.wrote(fragment);
        }
        if (bufferToolCalls || tool.arguments.isEmpty()) {
            return;
        }
        if (tool == openTool) {
            if (nonEmpty(fragment)) {
                blocks.delta(Delta.inputJson(fragment), events);
            }
            return;
        }
        if (tool.closed) {
            if (!nonEmpty(fragment) || fragment.isBlank()) {
                return;
            }
            throw new UpstreamStreamException(AnthropicErrorType.API, "The upstream sent more arguments for tool call "
                    + tool.id + " after they were complete");
        }
        if (openTool != null && !ToolArguments.isJsonObject(openTool.arguments.toString())) {
            return;
        }
        openTool(tool, events);
        blocks.delta(Delta.inputJson(tool.arguments.toString()), events);
    }

    /** The call this delta continues: by {@code index}; without one, by id, else the latest call. */
    private Tool toolFor(ToolCall call) {
        Integer key = call.index();
        if (key == null) {
            key = keyOfId(call.id());
        }
        if (key == null) {
            // a new call when it brings an id, else the continuation of the latest one
            key = call.id() != null || tools.isEmpty() ? tools.size() : tools.size() - 1;
        }
        Tool tool = tools.computeIfAbsent(key, k -> new Tool());
        if (tool.block < 0) {
            // id and name count until the block starts; later repeats (some providers resend them) are ignored
            if (call.id() != null && !call.id().isEmpty()) {
                tool.id = call.id();
            }
            if (call.function() != null && nonEmpty(call.function().name())) {
                tool.name = context.toolNames().original(call.function().name());
            }
        }
        return tool;
    }

    private Integer keyOfId(String id) {
        if (id == null) {
            return null;
        }
        for (Map.Entry<Integer, Tool> entry : tools.entrySet()) {
            if (id.equals(entry.getValue().id)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private void openTool(Tool tool, List<StreamEvent> events) {
        closeOpen(events);
        if (tool.id == null) {
            tool.id = Ids.toolUse();
        }
        if (tool.name == null) {
            LOG.warn("The upstream streamed a tool call without a name");
            tool.name = "unknown_tool";
        }
        tool.block = blocks.start(ContentBlocks.Kind.TOOL,
                new ToolUseBlock(tool.id, tool.name, JsonNodeFactory.instance.objectNode()), events);
        openTool = tool;
    }

    private void ensureOpen(ContentBlocks.Kind kind, List<StreamEvent> events) {
        if (blocks.isOpen(kind)) {
            return;
        }
        closeOpen(events);
        blocks.start(kind, kind == ContentBlocks.Kind.THINKING ? new ThinkingBlock("", "") : TextBlock.of(""), events);
    }

    /** Stops the open block; a tool call's arguments are completed first when they were cut off. */
    private void closeOpen(List<StreamEvent> events) {
        if (blocks.isOpen(ContentBlocks.Kind.TEXT) && stops.matched() == null) {
            // the text ends: what was held back in case it began a stop sequence was not one
            String held = stops.flush();
            if (!held.isEmpty()) {
                blocks.delta(Delta.text(held), events);
                blocks.wrote(held);
                textTail.append(held);
            }
        }
        if (blocks.isOpen(ContentBlocks.Kind.TOOL)) {
            completeArguments(openTool, events);
            openTool.closed = true;
            openTool = null;
        }
        blocks.stop(events);
    }

    /**
     * End-of-block check of a streamed tool input. What was sent cannot be taken back, but arguments cut off (by
     * {@code max_tokens}, say) can often be completed by appending the missing closing characters.
     */
    private void completeArguments(Tool tool, List<StreamEvent> events) {
        String arguments = tool.arguments.toString();
        if (arguments.isBlank() || ToolArguments.isJsonObject(arguments)) {
            return;
        }
        String closed = ToolArguments.closeTruncated(arguments);
        if (closed.startsWith(arguments) && ToolArguments.isJsonObject(closed)) {
            events.add(StreamEvent.delta(tool.block, Delta.inputJson(closed.substring(arguments.length()))));
            LOG.info("Tool call {} arguments were cut off; closed them so the client can parse them", tool.id);
        } else {
            LOG.warn("Tool call {} arguments are not valid JSON ({} characters) and cannot be repaired mid-stream",
                    tool.id, arguments.length());
        }
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
