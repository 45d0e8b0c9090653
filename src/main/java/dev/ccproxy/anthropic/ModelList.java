package dev.ccproxy.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A page of {@code GET /v1/models}. {@code first_id} and {@code last_id} are the cursors for the pages before and
 * after this one ({@code before_id}, {@code after_id}); null on an empty page, as Anthropic sends them.
 *
 * @param hasMore whether more models lie beyond this page in the direction asked for
 */
@JsonPropertyOrder({"data", "has_more", "first_id", "last_id"})
public record ModelList(List<ModelInfo> data, boolean hasMore,
        @JsonInclude(JsonInclude.Include.ALWAYS) String firstId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastId) {

    public ModelList {
        data = List.copyOf(data);
    }

    public static ModelList of(List<ModelInfo> data, boolean hasMore) {
        return new ModelList(data, hasMore, data.isEmpty() ? null : data.get(0).id(),
                data.isEmpty() ? null : data.get(data.size() - 1).id());
    }
}
