package dev.ccproxy.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.util.List;

/** Anthropic content is a string or a list of blocks; a string is the same as one text block. */
public final class ContentDeserializer extends JsonDeserializer<List<ContentBlock>> {

    @Override
    public List<ContentBlock> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JavaType listType = context.getTypeFactory().constructCollectionType(List.class, ContentBlock.class);
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return List.of(TextBlock.of(parser.getText()));
        }
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            return context.readValue(parser, listType);
        }
        @SuppressWarnings("unchecked")
        List<ContentBlock> unreachable = (List<ContentBlock>) context.handleUnexpectedToken(listType, parser);
        return unreachable;
    }
}
