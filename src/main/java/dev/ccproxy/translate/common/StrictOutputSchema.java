package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A structured-output schema in the form OpenAI's strict mode takes: every object closed
 * ({@code additionalProperties: false}) and every property required, an optional one made nullable instead
 * ({@code type: [T, "null"]}, or {@code anyOf} with {@code null}). Anthropic's structured outputs already want closed
 * objects, so most schemas convert; one that cannot be strict (an open or free-form object, keywords strict mode
 * refuses) is left as it is and sent non-strict.
 */
final class StrictOutputSchema {

    /** Keywords OpenAI's strict mode does not support. */
    private static final Set<String> UNSUPPORTED = Set.of("patternProperties", "unevaluatedProperties",
            "propertyNames", "minProperties", "maxProperties", "not", "if", "then", "else", "dependentRequired",
            "dependentSchemas", "allOf", "contains", "minContains", "maxContains", "unevaluatedItems");

    private StrictOutputSchema() {
    }

    /** The strict form, or null when the schema cannot have one. */
    static JsonNode of(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        return rewrite(copy) ? copy : null;
    }

    private static boolean rewrite(JsonNode node) {
        if (!node.isObject()) {
            return true;
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (UNSUPPORTED.contains(names.next())) {
                return false;
            }
        }
        if (isObjectType(object) && !closeObject(object)) {
            return false;
        }
        for (String key : new String[] {"items", "additionalItems"}) {
            if (object.has(key) && !rewrite(object.get(key))) {
                return false;
            }
        }
        for (String key : new String[] {"anyOf", "oneOf", "prefixItems"}) {
            if (object.get(key) instanceof ArrayNode list) {
                for (JsonNode item : list) {
                    if (!rewrite(item)) {
                        return false;
                    }
                }
            }
        }
        for (String key : new String[] {"$defs", "definitions"}) {
            if (object.get(key) instanceof ObjectNode defs) {
                for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
                    if (!rewrite(it.next().getValue())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean isObjectType(ObjectNode schema) {
        JsonNode type = schema.get("type");
        return type != null && (type.isTextual() && type.textValue().equals("object")
                || type.isArray() && containsText((ArrayNode) type, "object"));
    }

    /** Closes an object and requires all its properties; false when it is open or free-form. */
    private static boolean closeObject(ObjectNode object) {
        JsonNode additional = object.get("additionalProperties");
        if (additional != null && !(additional.isBoolean() && !additional.booleanValue())) {
            return false;
        }
        if (!(object.get("properties") instanceof ObjectNode properties)) {
            return false;
        }
        ArrayNode required = object.get("required") instanceof ArrayNode given ? given : null;
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!rewrite(property.getValue())) {
                return false;
            }
            if (required == null || !containsText(required, property.getKey())) {
                property.setValue(nullable(property.getValue()));
            }
            all.add(property.getKey());
        }
        object.put("additionalProperties", false);
        object.set("required", all);
        return true;
    }

    /** An optional property as strict mode wants it: required, and allowed to be null. */
    private static JsonNode nullable(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.get("type") != null && !object.has("enum")) {
            JsonNode type = object.get("type");
            if (type.isTextual()) {
                if (!type.textValue().equals("null")) {
                    object.set("type", JsonNodeFactory.instance.arrayNode().add(type.textValue()).add("null"));
                }
                return object;
            }
            if (type instanceof ArrayNode types) {
                if (!containsText(types, "null")) {
                    types.add("null");
                }
                return object;
            }
        }
        ObjectNode anyOf = JsonNodeFactory.instance.objectNode();
        anyOf.putArray("anyOf").add(schema).addObject().put("type", "null");
        return anyOf;
    }

    private static boolean containsText(ArrayNode list, String value) {
        for (JsonNode item : list) {
            if (item.isTextual() && item.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
