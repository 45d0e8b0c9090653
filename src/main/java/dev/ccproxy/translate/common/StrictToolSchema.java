package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A tool schema in the subset strict providers accept (Gemini's OpenAPI-style schemas): Claude Code's schemas are
 * JSON Schema 2020-12 with {@code $schema}, {@code additionalProperties}, {@code propertyNames},
 * {@code exclusiveMinimum} and the like, which such providers refuse with a 400. What has an equivalent is rewritten
 * ({@code const} → a one-value {@code enum}, {@code exclusiveMinimum} → {@code minimum}, {@code oneOf} →
 * {@code anyOf}, {@code type: [x, "null"]} → {@code type: x, nullable: true}, local {@code $ref}s inlined); the
 * rest is left out. Descriptions, types, properties, required fields and enums, which guide the model, stay.
 */
public final class StrictToolSchema {

    private static final Set<String> KEPT = Set.of("type", "description", "title", "enum", "properties", "required",
            "items", "anyOf", "nullable", "format", "minimum", "maximum", "minItems", "maxItems", "minLength",
            "maxLength", "pattern", "default", "minProperties", "maxProperties", "propertyOrdering");
    /** The formats Gemini knows; others are refused. */
    private static final Set<String> FORMATS = Set.of("date-time", "enum", "int32", "int64", "float", "double");
    /** $refs are inlined at most this deep (a recursive schema is cut there). */
    private static final int MAX_REF_DEPTH = 8;

    private StrictToolSchema() {
    }

    public static JsonNode of(JsonNode schema) {
        return schema == null || !schema.isObject() ? schema : rewrite(schema, schema, 0);
    }

    private static JsonNode rewrite(JsonNode node, JsonNode root, int refDepth) {
        if (!node.isObject()) {
            return node;
        }
        if (node.has("$ref")) {
            JsonNode target = resolve(node.path("$ref").asText(), root);
            if (target == null || refDepth >= MAX_REF_DEPTH) {
                ObjectNode any = JsonNodeFactory.instance.objectNode();
                if (node.has("description")) {
                    any.set("description", node.get("description"));
                }
                return any;
            }
            return rewrite(target, root, refDepth + 1);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(property ->
                            properties.set(property.getKey(), rewrite(property.getValue(), root, refDepth)));
                }
                case "items" -> out.set("items", rewrite(value.isArray() && !value.isEmpty() ? value.get(0) : value,
                        root, refDepth));
                case "anyOf", "oneOf" -> {
                    ArrayNode alternatives = out.withArray("anyOf");
                    value.forEach(alternative -> alternatives.add(rewrite(alternative, root, refDepth)));
                }
                case "allOf" -> value.forEach(part -> {
                    JsonNode rewritten = rewrite(part, root, refDepth);
                    rewritten.fields().forEachRemaining(entry -> out.set(entry.getKey(), entry.getValue()));
                });
                case "type" -> type(value, out);
                case "const" -> out.putArray("enum").add(value);
                case "exclusiveMinimum" -> {
                    if (value.isNumber() && !node.has("minimum")) {
                        out.set("minimum", value);
                    }
                }
                case "exclusiveMaximum" -> {
                    if (value.isNumber() && !node.has("maximum")) {
                        out.set("maximum", value);
                    }
                }
                case "format" -> {
                    if (FORMATS.contains(value.asText())) {
                        out.set("format", value);
                    }
                }
                default -> {
                    if (KEPT.contains(name)) {
                        out.set(name, value);
                    }
                }
            }
        }
        return out;
    }

    /** {@code ["string", "null"]} → {@code "string"} and nullable; other unions keep their first type. */
    private static void type(JsonNode type, ObjectNode out) {
        if (!type.isArray()) {
            out.set("type", type);
            return;
        }
        String chosen = null;
        for (JsonNode option : type) {
            if (option.asText().equals("null")) {
                out.put("nullable", true);
            } else if (chosen == null) {
                chosen = option.asText();
            }
        }
        if (chosen != null) {
            out.put("type", chosen);
        }
    }

    /** {@code #/$defs/Name} or {@code #/definitions/Name}; null for anything else. */
    private static JsonNode resolve(String ref, JsonNode root) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }
}
