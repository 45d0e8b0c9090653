package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.routing.ModelResolver;
import dev.ccproxy.routing.UpstreamTarget;

import java.util.List;

/**
 * What the way back needs to know about the way out: the model the client asked for (echoed in the answer), where
 * the request went (provider, upstream model and its profile), the tool-name map and the requested stop sequences.
 * Lives for one exchange.
 */
public record TranslationContext(String requestedModel, UpstreamTarget target, ToolNames toolNames,
        List<String> stopSequences, ClientIdentity identity, SearchDomains searchDomains,
        JsonNode contextManagement) {

    public TranslationContext {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    }

    /** The request's target (the web-search model when it carries the web-search tool) and its tool names. */
    public static TranslationContext of(MessagesRequest request, ModelResolver models) {
        return of(request, models, null);
    }

    /** As {@link #of(MessagesRequest, ModelResolver)}, with Claude Code's {@code X-Claude-Code-Session-Id} header. */
    public static TranslationContext of(MessagesRequest request, ModelResolver models, String sessionHeader) {
        UpstreamTarget target = request.wantsWebSearch() ? models.resolveWebSearch(request.model())
                : models.resolve(request.model());
        return forTarget(request, target, sessionHeader);
    }

    /** The request sent to a target chosen beforehand, not through the model map. */
    public static TranslationContext forTarget(MessagesRequest request, UpstreamTarget target) {
        return forTarget(request, target, null);
    }

    private static TranslationContext forTarget(MessagesRequest request, UpstreamTarget target,
            String sessionHeader) {
        return new TranslationContext(request.model(), target,
                ToolNames.forRequest(request, target.profile().toolNameMaxLength()), request.stopSequences(),
                ClientIdentity.of(request, sessionHeader), SearchDomains.of(request), null);
    }

    /**
     * With the report of the context edits applied to the request ({@code context_management} of the answer).
     *
     * @param report {@code {"applied_edits": [...]}}, or null when the request asked for none
     */
    public TranslationContext withContextManagement(JsonNode report) {
        return new TranslationContext(requestedModel, target, toolNames, stopSequences, identity, searchDomains,
                report);
    }

    public String upstreamModel() {
        return target.model();
    }

    public ModelProfile profile() {
        return target.profile();
    }
}
