package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a mutation can strike in a request: every node below the root, addressed by its path of field names and
 * indexes, and the edits {@link HostileBodies} makes there (on a deep copy, never on the generated original).
 */
final class JsonTreeEdits {

    /** One step of a path: a field name, or an index when {@code field} is null. */
    record Step(String field, int index) {

        @Override
        public String toString() {
            return field != null ? "." + field : "[" + index + "]";
        }
    }

    private JsonTreeEdits() {
    }

    /** The paths of every node below {@code root}, parents before children. */
    static List<List<Step>> paths(JsonNode root) {
        List<List<Step>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(JsonNode node, List<Step> at, List<List<Step>> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                descend(field.getValue(), at, new Step(field.getKey(), -1), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                descend(node.get(i), at, new Step(null, i), into);
            }
        }
    }

    private static void descend(JsonNode child, List<Step> at, Step step, List<List<Step>> into) {
        List<Step> path = new ArrayList<>(at);
        path.add(step);
        into.add(path);
        collect(child, path, into);
    }

    static JsonNode get(JsonNode root, List<Step> path) {
        JsonNode node = root;
        for (Step step : path) {
            node = step.field() != null ? node.path(step.field()) : node.path(step.index());
        }
        return node;
    }

    /** A copy of {@code root} with the node at {@code path} replaced (or added, for a missing field). */
    static ObjectNode replace(ObjectNode root, List<Step> path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = get(copy, path.subList(0, path.size() - 1));
        Step last = path.get(path.size() - 1);
        if (last.field() != null) {
            ((ObjectNode) parent).set(last.field(), value);
        } else {
            ((ArrayNode) parent).set(last.index(), value);
        }
        return copy;
    }

    /** A copy of {@code root} without the node at {@code path}. */
    static ObjectNode remove(ObjectNode root, List<Step> path) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = get(copy, path.subList(0, path.size() - 1));
        Step last = path.get(path.size() - 1);
        if (last.field() != null) {
            ((ObjectNode) parent).remove(last.field());
        } else {
            ((ArrayNode) parent).remove(last.index());
        }
        return copy;
    }

    static String describe(List<Step> path) {
        StringBuilder text = new StringBuilder();
        path.forEach(text::append);
        return text.isEmpty() ? "(root)" : text.substring(text.charAt(0) == '.' ? 1 : 0);
    }
}
