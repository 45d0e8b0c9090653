package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.error.InvalidRequestException;

/**
 * Anthropic's structured output, {@code output_config.format} (or the older {@code output_format}) with
 * {@code type: json_schema}, as both OpenAI APIs take it: a named JSON schema, strict when it can be
 * ({@link StrictOutputSchema}), else the client's schema as it is, not strict.
 *
 * @param schema the schema sent: the strict rewriting when {@code strict}, else the client's
 */
public record OutputFormat(JsonNode schema, boolean strict) {

    /** OpenAI wants a name; Anthropic's format has none. */
    public static final String NAME = "output";

    /** The request's format, or null when it asks for none. */
    public static OutputFormat of(MessagesRequest request) {
        JsonNode format = request.outputConfig() == null ? null : request.outputConfig().get("format");
        String where = "output_config.format";
        if (format == null || format.isNull()) {
            format = request.outputFormat();
            where = "output_format";
        }
        if (format == null || format.isNull()) {
            return null;
        }
        if (!format.isObject() || !"json_schema".equals(format.path("type").asText(null))) {
            throw new InvalidRequestException(where + ".type: expected \"json_schema\"");
        }
        JsonNode schema = format.get("schema");
        if (schema == null || !schema.isObject()) {
            throw new InvalidRequestException(where + ".schema: expected a JSON schema object");
        }
        JsonNode strict = StrictOutputSchema.of(schema);
        return strict != null ? new OutputFormat(strict, true) : new OutputFormat(schema, false);
    }

    /** Chat Completions' {@code response_format}. */
    public JsonNode chatResponseFormat() {
        ObjectNode format = JsonNodeFactory.instance.objectNode();
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", NAME);
        jsonSchema.set("schema", schema);
        jsonSchema.put("strict", strict);
        return format;
    }

    /** The Responses API's {@code text} with its {@code format}. */
    public JsonNode responsesText() {
        ObjectNode text = JsonNodeFactory.instance.objectNode();
        ObjectNode format = text.putObject("format");
        format.put("type", "json_schema");
        format.put("name", NAME);
        format.set("schema", schema);
        format.put("strict", strict);
        return text;
    }
}
