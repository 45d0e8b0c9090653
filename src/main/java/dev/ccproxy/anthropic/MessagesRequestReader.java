package dev.ccproxy.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.json.JsonErrors;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a {@code POST /v1/messages} body the way Anthropic's API does: required fields present and of the
 * right type, roles known, tool calls and results identified. Everything else is tolerated; unknown fields and block
 * types are never a reason to reject a request.
 */
public final class MessagesRequestReader {

    private static final ObjectReader READER = ProxyJson.mapper().readerFor(MessagesRequest.class);
    private static final Set<String> ROLES = Set.of(Message.USER, Message.ASSISTANT, Message.SYSTEM);

    private MessagesRequestReader() {
    }

    public static MessagesRequest read(byte[] body) {
        MessagesRequest request = parse(body);
        validate(request, true);
        return request;
    }

    /** A {@code POST /v1/messages/count_tokens} body: a Messages request without {@code max_tokens}. */
    public static MessagesRequest readForCounting(byte[] body) {
        MessagesRequest request = parse(body);
        validate(request, false);
        return request;
    }

    /**
     * Refuses a request with more messages or tools than the proxy accepts (the body size bounds memory; these bound
     * the work each request makes: translation, token counting and the upstream's own limits).
     */
    public static void requireWithin(MessagesRequest request, int maxMessages, int maxTools) {
        if (request.messages() != null && request.messages().size() > maxMessages) {
            throw new InvalidRequestException("messages: " + request.messages().size() + " messages, more than the "
                    + maxMessages + " this proxy accepts (proxy.server.max-messages)");
        }
        if (request.tools() != null && request.tools().size() > maxTools) {
            throw new InvalidRequestException("tools: " + request.tools().size() + " tools, more than the " + maxTools
                    + " this proxy accepts (proxy.server.max-tools)");
        }
    }

    private static MessagesRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("Request body is empty; expected a JSON object");
        }
        MessagesRequest request;
        try {
            request = READER.readValue(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(JsonErrors.describe(e, body), e);
        } catch (IOException e) {
            throw new InvalidRequestException("Request body could not be read", e);
        }
        if (request == null) {
            throw new InvalidRequestException("Request body: expected a JSON object");
        }
        return request;
    }

    static void validate(MessagesRequest request, boolean maxTokensRequired) {
        if (request.model() == null || request.model().isBlank()) {
            throw new InvalidRequestException("model: field required");
        }
        if (maxTokensRequired && request.maxTokens() == null) {
            throw new InvalidRequestException("max_tokens: field required");
        }
        if (request.maxTokens() != null && request.maxTokens() < 1) {
            throw new InvalidRequestException("max_tokens: must be at least 1");
        }
        if (request.messages() == null) {
            throw new InvalidRequestException("messages: field required");
        }
        if (request.messages().isEmpty()) {
            throw new InvalidRequestException("messages: at least one message is required");
        }
        for (int i = 0; i < request.messages().size(); i++) {
            validate(request.messages().get(i), "messages[" + i + "]");
        }
        if (request.tools() != null) {
            for (int i = 0; i < request.tools().size(); i++) {
                Tool tool = request.tools().get(i);
                if (tool == null) {
                    throw new InvalidRequestException("tools[" + i + "]: expected an object");
                }
                if (tool.name() == null || tool.name().isBlank()) {
                    throw new InvalidRequestException("tools[" + i + "].name: field required");
                }
            }
        }
        // Anthropic's ranges: an upstream would take some values past them (OpenAI's temperature goes to 2) and refuse
        // others less clearly
        within(request.temperature(), 0, 1, "temperature");
        within(request.topP(), 0, 1, "top_p");
        if (request.topK() != null && request.topK() < 0) {
            throw new InvalidRequestException("top_k: must be at least 0");
        }
        if (request.stopSequences() != null && request.stopSequences().contains(null)) {
            throw new InvalidRequestException("stop_sequences: expected an array of strings");
        }
        blocks(request.system(), "system");
    }

    private static void within(Double value, double least, double most, String field) {
        if (value != null && !(value >= least && value <= most)) {
            throw new InvalidRequestException(field + ": must be between " + (int) least + " and " + (int) most
                    + ", got " + value);
        }
    }

    private static void validate(Message message, String where) {
        if (message == null) {
            throw new InvalidRequestException(where + ": expected an object");
        }
        if (message.role() == null) {
            throw new InvalidRequestException(where + ".role: field required");
        }
        if (!ROLES.contains(message.role())) {
            throw new InvalidRequestException(where + ".role: expected \"user\", \"assistant\" or \"system\", got \""
                    + message.role() + "\"");
        }
        if (message.content() == null) {
            throw new InvalidRequestException(where + ".content: field required");
        }
        if (message.content().isEmpty() && Message.USER.equals(message.role())) {
            throw new InvalidRequestException(where + ".content: a user message needs at least one content block");
        }
        blocks(message.content(), where + ".content");
    }

    private static void blocks(List<ContentBlock> blocks, String where) {
        if (blocks == null) {
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock block = blocks.get(i);
            String at = where + "[" + i + "]";
            if (block == null) {
                throw new InvalidRequestException(at + ": expected a content block object");
            }
            if (block instanceof TextBlock text && text.text() == null) {
                throw new InvalidRequestException(at + ".text: field required");
            }
            if (block instanceof ToolUseBlock use) {
                if (use.id() == null || use.id().isBlank()) {
                    throw new InvalidRequestException(at + ".id: field required");
                }
                if (use.name() == null || use.name().isBlank()) {
                    throw new InvalidRequestException(at + ".name: field required");
                }
            }
            if (block instanceof ToolResultBlock result) {
                if (result.toolUseId() == null || result.toolUseId().isBlank()) {
                    throw new InvalidRequestException(at + ".tool_use_id: field required");
                }
                blocks(result.content(), at + ".content");
            }
        }
    }
}
