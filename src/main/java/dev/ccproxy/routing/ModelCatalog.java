package dev.ccproxy.routing;

import dev.ccproxy.anthropic.ModelInfo;
import dev.ccproxy.anthropic.ModelList;
import dev.ccproxy.anthropic.ModelListQuery;
import dev.ccproxy.config.ModelRule;
import dev.ccproxy.config.ModelSettings;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.error.InvalidRequestException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models {@code GET /v1/models} offers: the Claude names of {@code proxy.models.listed}, then every exact name of
 * the model map (patterns cannot be listed), once each, in that order. Names are compared ignoring case, as the map
 * compares them. Built once: the settings do not change while the proxy runs.
 */
public final class ModelCatalog {

    private final List<ModelInfo> models;
    private final Map<String, ModelInfo> byId = new LinkedHashMap<>();

    public ModelCatalog(ModelSettings settings, ModelResolver resolver, TokenLimits limits) {
        List<String> names = new ArrayList<>(settings.listed());
        settings.rules().stream().filter(ModelRule::exactName).map(ModelRule::match).forEach(names::add);
        for (String name : names) {
            byId.putIfAbsent(key(name), ModelInfo.of(name, ModelDisplayNames.of(name),
                    OutputTokens.ceiling(resolver.resolve(name).profile(), limits)));
        }
        models = List.copyOf(byId.values());
    }

    public List<ModelInfo> all() {
        return models;
    }

    public Optional<ModelInfo> find(String id) {
        return Optional.ofNullable(byId.get(key(id)));
    }

    /** One page in list order: after {@code after_id}, before {@code before_id}, or from the start. */
    public ModelList page(ModelListQuery query) {
        if (query.beforeId() != null) {
            int end = indexOf("before_id", query.beforeId());
            int start = Math.max(0, end - query.limit());
            return ModelList.of(models.subList(start, end), start > 0);
        }
        int start = query.afterId() == null ? 0 : indexOf("after_id", query.afterId()) + 1;
        int end = Math.min(models.size(), start + query.limit());
        return ModelList.of(models.subList(start, end), end < models.size());
    }

    private int indexOf(String cursor, String id) {
        ModelInfo model = byId.get(key(id));
        if (model == null) {
            throw new InvalidRequestException(cursor + ": the proxy lists no model " + id);
        }
        return models.indexOf(model);
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
