package dev.ccproxy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one configured {@link ObjectMapper} of the proxy, shared by the mappers, the processors and camel-jackson.
 *
 * <p>Both wire protocols use snake_case, so records keep Java names and the naming strategy does the rest. Reading is
 * lenient about unknown fields (clients and providers add fields all the time) but strict about types: Anthropic
 * rejects {@code "max_tokens": "100"}, and so do we, instead of silently coercing.
 */
public final class ProxyJson {

    /** Larger than the biggest accepted request body, so one base64 image or PDF never trips Jackson's guard. */
    private static final int MAX_STRING_LENGTH = 256 * 1024 * 1024;

    private static final ObjectMapper MAPPER = create();

    private ProxyJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Bounds how deeply arrays and objects may nest in anything the proxy parses ({@code proxy.server.max-json-depth}):
     * the translation walks schemas and contents recursively, and no real request nests deeply, so a hostile one is
     * refused by the parser, at once and in words, long before any stack is at risk. Set once, at start-up.
     */
    public static void limitNesting(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("proxy.server.max-json-depth must be at least 1, got " + maxDepth);
        }
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH).maxNestingDepth(maxDepth).build());
    }

    private static ObjectMapper create() {
        // Jackson recycles its parsing and writing buffers per thread by default; requests run on virtual threads, a
        // new one each, so buffers would never be reused: one pool for the whole process instead
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build());
        // no scalar turns into a scalar of another kind: "100" is not a number, 1 is not a string or a boolean
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType numeric : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(numeric)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
