package dev.ccproxy.mapping;

import dev.ccproxy.anthropic.MessagesRequest;

import java.util.List;

/**
 * What the way back needs to know about the way out: the model the client asked for (echoed in the answer), the
 * upstream model, the tool-name map and the requested stop sequences. Lives for one exchange.
 */
public record TranslationContext(String requestedModel, String upstreamModel, ToolNames toolNames,
        List<String> stopSequences) {

    public TranslationContext {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    }

    public static TranslationContext of(MessagesRequest request, ModelResolver models) {
        return new TranslationContext(request.model(), models.resolve(request.model()), ToolNames.forRequest(request),
                request.stopSequences());
    }
}
