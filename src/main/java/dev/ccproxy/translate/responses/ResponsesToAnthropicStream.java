package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.anthropic.StreamEvent.Delta;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.anthropic.Usage;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.UpstreamStreamException;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.openai.responses.ResponseItem;
import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.openai.responses.ResponsesStreamEvent;
import dev.ccproxy.translate.common.ContentBlocks;
import dev.ccproxy.translate.common.SseEvent;
import dev.ccproxy.translate.common.StopReasons;
import dev.ccproxy.translate.common.StopSequenceWatch;
import dev.ccproxy.translate.common.ToolArguments;
import dev.ccproxy.translate.common.TranslationContext;
import dev.ccproxy.translate.common.UpstreamToAnthropicStream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Responses API stream → Anthropic stream events, as they arrive (docs/conversion.md, "Streaming: Responses API
 * events"). One instance per stream.
 *
 * <ul>
 *   <li>A web search: {@code ping}s while it runs; when it is done, a {@code server_tool_use} block (its query as an
 *       {@code input_json_delta}) and a {@code web_search_tool_result} block listing its sources. Without sources,
 *       the result waits for the message that follows and lists the URLs it cites.</li>
 *   <li>Answer text as a text block; each {@code url_citation} as a {@code citations_delta} on it, with the cited
 *       text taken from the answer (held until the block closes when the text has not arrived yet).</li>
 *   <li>Function calls as {@code tool_use} blocks with their arguments as {@code input_json_delta}; reasoning
 *       summaries as a thinking block.</li>
 *   <li>{@code response.completed}/{@code incomplete} end the message; {@code response.failed} and {@code error}
 *       are a failure, which the relay turns into one {@code error} event.</li>
 * </ul>
 */
public final class ResponsesToAnthropicStream implements UpstreamToAnthropicStream {

    /** A function call's block: arguments once sent as deltas are not sent again whole. */
    private static final class Call {
        final int block;
        boolean argumentsSent;

        Call(int block) {
            this.block = block;
        }
    }

    private final TranslationContext context;
    private final int inputTokenEstimate;
    private final String messageId = Ids.message();

    private final ContentBlocks blocks = new ContentBlocks();
    /** The upstream item whose block is open (a message, a reasoning item, a function call). */
    private String openItem;
    private final StringBuilder openText = new StringBuilder();
    /** The Responses API has no stop parameter: the proxy watches the text for the request's stop sequences. */
    private final StopSequenceWatch stops;
    private final List<ResponseItem.Annotation> heldCitations = new ArrayList<>();

    private final Map<String, Call> calls = new HashMap<>();
    /** Messages whose text arrived as deltas (the others are sent whole when their item is done). */
    private final Set<String> streamedMessages = new HashSet<>();
    private final Map<String, String> titles = new HashMap<>();
    private final List<ResponseItem> resultsAwaitingCitations = new ArrayList<>();
    private final Set<String> citedUrls = new LinkedHashSet<>();
    private int searches;
    private boolean refused;
    private ResponsesResponse terminal;

    public ResponsesToAnthropicStream(TranslationContext context, int inputTokenEstimate) {
        this.context = context;
        this.inputTokenEstimate = inputTokenEstimate;
        this.stops = new StopSequenceWatch(context.stopSequences());
    }

    @Override
    public List<StreamEvent> start() {
        return UpstreamToAnthropicStream.opening(messageId, context.requestedModel(), inputTokenEstimate);
    }

    @Override
    public List<StreamEvent> onEvent(SseEvent sse) {
        ResponsesStreamEvent event;
        try {
            event = ProxyJson.mapper().readValue(sse.data(), ResponsesStreamEvent.class);
        } catch (JsonProcessingException e) {
            throw new UpstreamStreamException(AnthropicErrorType.API, "The upstream sent a malformed stream event");
        }
        String type = event.type() != null ? event.type() : sse.name() == null ? "" : sse.name();
        List<StreamEvent> events = new ArrayList<>();
        switch (type) {
            case "response.output_item.added" -> itemAdded(event.item(), events);
            case "response.output_item.done" -> itemDone(event.item(), events);
            case "response.web_search_call.in_progress", "response.web_search_call.searching",
                    "response.web_search_call.completed" -> events.add(StreamEvent.ping());
            case "response.output_text.delta" -> text(event.itemId(), event.delta(), events);
            case "response.refusal.delta" -> {
                refused = true;
                text(event.itemId(), event.delta(), events);
            }
            case "response.output_text.annotation.added" -> annotation(event.itemId(), event.annotation(), events);
            case "response.function_call_arguments.delta" -> arguments(event.itemId(), event.delta(), false, events);
            case "response.function_call_arguments.done" -> arguments(event.itemId(), event.arguments(), true, events);
            case "response.reasoning_summary_part.added" -> {
                if (blocks.isOpen(ContentBlocks.Kind.THINKING) && event.itemId() != null
                        && event.itemId().equals(openItem) && event.summaryIndex() != null
                        && event.summaryIndex() > 0) {
                    blocks.delta(Delta.thinking("\n\n"), events);
                }
            }
            case "response.reasoning_summary_text.delta" -> thinking(event.itemId(), event.delta(), events);
            case "response.completed", "response.incomplete" -> terminal = event.response();
            case "response.failed" -> throw new UpstreamStreamException(AnthropicErrorType.API,
                    "The upstream could not answer: " + (event.response() == null || event.response().error() == null
                            ? "no reason given" : event.response().error().message()));
            case "error" -> throw UpstreamStreamException.fromErrorEvent(event.code(), event.message());
            default -> {
                // response.created / in_progress, content_part and *.done bookkeeping: nothing to tell the client
            }
        }
        return events;
    }

    @Override
    public boolean done() {
        return terminal != null || stops.matched() != null;
    }

    @Override
    public boolean answered() {
        return done();
    }

    @Override
    public boolean cutShort() {
        return terminal == null && stops.matched() != null;
    }

    @Override
    public List<StreamEvent> finish() {
        List<StreamEvent> events = new ArrayList<>();
        closeOpen(events);
        emitAwaitingResults(events);
        blocks.atLeastOne(events);
        String stopReason = stops.matched() != null ? StopReasons.STOP_SEQUENCE
                : ResponsesToAnthropicStopReason.of(terminal, !calls.isEmpty(), refused);
        Usage usage = terminal != null && terminal.usage() != null
                ? ResponsesToAnthropicUsage.of(terminal.usage(), searches)
                : new Usage(inputTokenEstimate, blocks.outputEstimate(), 0, 0,
                        searches > 0 ? new Usage.ServerToolUsage(searches, 0) : null);
        events.add(StreamEvent.messageDelta(stopReason, stops.matched(), usage, context.contextManagement()));
        events.add(StreamEvent.messageStop());
        return events;
    }

    private void itemAdded(ResponseItem item, List<StreamEvent> events) {
        if (item == null || item.type() == null) {
            return;
        }
        switch (item.type()) {
            case "web_search_call" -> {
                closeOpen(events);
                events.add(StreamEvent.ping());
            }
            case "function_call" -> {
                open(ContentBlocks.Kind.TOOL, item.id(), new ToolUseBlock(
                        item.callId() == null ? Ids.toolUse() : item.callId(),
                        context.toolNames().original(item.name()), JsonNodeFactory.instance.objectNode()), events);
                calls.put(item.id(), new Call(blocks.openIndex()));
            }
            case "message", "reasoning" -> closeOpen(events);
            default -> {
                // other tools' items are not shown to the client
            }
        }
    }

    private void itemDone(ResponseItem item, List<StreamEvent> events) {
        if (item == null || item.type() == null) {
            return;
        }
        switch (item.type()) {
            case "web_search_call" -> search(item, events);
            case "message" -> {
                if (item.id() != null && !streamedMessages.contains(item.id())) {
                    wholeMessage(item, events);
                }
                if (item.id() != null && item.id().equals(openItem)) {
                    closeOpen(events);
                }
                emitAwaitingResults(events);
            }
            case "function_call" -> {
                arguments(item.id(), item.arguments(), true, events);
                if (item.id() != null && item.id().equals(openItem)) {
                    closeOpen(events);
                }
            }
            case "reasoning" -> {
                // the encrypted content comes with the finished item: it is the thinking block's signature (a block
                // is opened for it when the item had no summary), so the item can go back upstream next turn
                String signature = ReasoningSignature.of(item.id(), item.encryptedContent());
                if (signature != null) {
                    if (item.id() == null || !item.id().equals(openItem)) {
                        open(ContentBlocks.Kind.THINKING, item.id(), new ThinkingBlock("", ""), events);
                    }
                    events.add(StreamEvent.delta(blocks.openIndex(), Delta.signature(signature)));
                }
                if (item.id() != null && item.id().equals(openItem)) {
                    closeOpen(events);
                }
            }
            default -> {
                // nothing was opened for other items
            }
        }
    }

    /** A finished search: its {@code server_tool_use}, then its result (now, or after the answer that cites it). */
    private void search(ResponseItem call, List<StreamEvent> events) {
        if (!ResponsesToAnthropicWebSearch.isSearch(call)) {
            return;
        }
        closeOpen(events);
        searches++;
        blocks.start(ContentBlocks.Kind.OTHER, new dev.ccproxy.anthropic.ServerToolUseBlock(
                ResponsesToAnthropicWebSearch.toolUseId(call), "web_search", JsonNodeFactory.instance.objectNode()), events);
        blocks.delta(Delta.inputJson(ResponsesToAnthropicWebSearch.input(call).toString()), events);
        blocks.stop(events);
        boolean hasSources = call.action() != null && call.action().sources() != null
                && !call.action().sources().isEmpty();
        if (hasSources || "failed".equals(call.status())) {
            emitResult(ResponsesToAnthropicWebSearch.result(call, titles, List.of(), context.searchDomains()), events);
        } else {
            resultsAwaitingCitations.add(call);
        }
    }

    private void emitAwaitingResults(List<StreamEvent> events) {
        for (ResponseItem call : resultsAwaitingCitations) {
            emitResult(ResponsesToAnthropicWebSearch.result(call, titles, citedUrls, context.searchDomains()), events);
        }
        resultsAwaitingCitations.clear();
    }

    private void emitResult(WebSearchToolResultBlock result, List<StreamEvent> events) {
        blocks.start(ContentBlocks.Kind.OTHER, result, events);
        blocks.stop(events);
    }

    /**
     * A message whose text came only with its finished item, not as deltas (some compatible servers stream so):
     * its text and citations now, so that nothing the upstream said is lost.
     */
    private void wholeMessage(ResponseItem message, List<StreamEvent> events) {
        if (message.content() == null) {
            return;
        }
        for (ResponseItem.Content part : message.content()) {
            if ("refusal".equals(part.type()) && part.refusal() != null) {
                refused = true;
                text(message.id(), part.refusal(), events);
            } else if ("output_text".equals(part.type()) && part.text() != null) {
                text(message.id(), part.text(), events);
                if (part.annotations() != null) {
                    part.annotations().forEach(annotation -> annotation(message.id(), annotation, events));
                }
            }
        }
    }

    private void text(String item, String delta, List<StreamEvent> events) {
        if (delta == null || delta.isEmpty() || stops.matched() != null) {
            return;
        }
        if (item != null) {
            streamedMessages.add(item);
        }
        if (blocks.isOpen(ContentBlocks.Kind.TEXT) && item != null && !item.equals(openItem)) {
            closeOpen(events);
        }
        delta = stops.accept(delta);
        if (delta.isEmpty()) {
            return;
        }
        if (!blocks.isOpen(ContentBlocks.Kind.TEXT) || (item != null && !item.equals(openItem))) {
            open(ContentBlocks.Kind.TEXT, item, TextBlock.of(""), events);
        }
        openText.append(delta);
        blocks.wrote(delta);
        blocks.delta(Delta.text(delta), events);
    }

    /** A citation goes out at once when the text it points at is in; otherwise when the block closes. */
    private void annotation(String item, ResponseItem.Annotation annotation, List<StreamEvent> events) {
        if (annotation == null || !"url_citation".equals(annotation.type()) || annotation.url() == null
                || !context.searchDomains().permits(annotation.url())) {
            return;
        }
        if (item != null) {
            streamedMessages.add(item);
        }
        citedUrls.add(annotation.url());
        if (annotation.title() != null) {
            titles.putIfAbsent(annotation.url(), annotation.title());
        }
        if (!blocks.isOpen(ContentBlocks.Kind.TEXT) || (item != null && !item.equals(openItem))) {
            open(ContentBlocks.Kind.TEXT, item, TextBlock.of(""), events);
        }
        if (ResponsesToAnthropicWebSearch.complete(annotation, openText.toString())) {
            blocks.delta(Delta.citation(ResponsesToAnthropicWebSearch.citation(annotation, openText.toString())), events);
        } else {
            heldCitations.add(annotation);
        }
    }

    private void arguments(String item, String arguments, boolean whole, List<StreamEvent> events) {
        Call call = item == null ? null : calls.get(item);
        if (call == null || call.block != blocks.openIndex() || arguments == null) {
            return;
        }
        if (whole) {
            if (!call.argumentsSent) {
                // only a .done (or the finished item) carried the arguments: send them, repaired, in one piece
                events.add(StreamEvent.delta(call.block, Delta.inputJson(ToolArguments.parse(arguments).toString())));
                call.argumentsSent = true;
            }
            return;
        }
        if (!arguments.isEmpty()) {
            events.add(StreamEvent.delta(call.block, Delta.inputJson(arguments)));
            call.argumentsSent = true;
            blocks.wrote(arguments);
        }
    }

    private void thinking(String item, String delta, List<StreamEvent> events) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        if (!blocks.isOpen(ContentBlocks.Kind.THINKING) || (item != null && !item.equals(openItem))) {
            open(ContentBlocks.Kind.THINKING, item, new ThinkingBlock("", ""), events);
        }
        blocks.wrote(delta);
        blocks.delta(Delta.thinking(delta), events);
    }

    private void open(ContentBlocks.Kind kind, String item, dev.ccproxy.anthropic.ContentBlock block,
            List<StreamEvent> events) {
        closeOpen(events);
        openItem = item;
        blocks.start(kind, block, events);
    }

    /** Stops the open block: a text block's held citations first, a call without arguments gets {@code {}}. */
    private void closeOpen(List<StreamEvent> events) {
        if (blocks.isOpen(ContentBlocks.Kind.TEXT) && stops.matched() == null) {
            // the end of a message: what was held back in case it began a stop sequence was not one
            String held = stops.flush();
            if (!held.isEmpty()) {
                openText.append(held);
                blocks.wrote(held);
                blocks.delta(Delta.text(held), events);
            }
        }
        if (blocks.isOpen(ContentBlocks.Kind.TEXT)) {
            for (ResponseItem.Annotation annotation : heldCitations) {
                blocks.delta(Delta.citation(ResponsesToAnthropicWebSearch.citation(annotation, openText.toString())), events);
            }
        }
        if (blocks.isOpen(ContentBlocks.Kind.TOOL)) {
            Call call = calls.get(openItem);
            if (call != null && !call.argumentsSent) {
                blocks.delta(Delta.inputJson("{}"), events);
                call.argumentsSent = true;
            }
        }
        heldCitations.clear();
        openText.setLength(0);
        blocks.stop(events);
        openItem = null;
    }
}
