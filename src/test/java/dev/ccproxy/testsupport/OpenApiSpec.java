package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.Keyword;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ccproxy.json.ProxyJson;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates upstream requests and upstream fixtures against OpenAI's published OpenAPI spec (read from
 * {@code ../shared/specs/}, never copied into the project). Where the spec is absent the calling test is reported as
 * skipped, not passed.
 *
 * <p>The spec is OpenAPI 3.1 but still carries 3.0's {@code nullable: true} in places; those are read as the authors
 * meant them ({@code type: [T, "null"]}, and null added to an {@code enum}) before validation. Its {@code oneOf}s
 * overlap in places (a {@code message} input item is both an EasyInputMessage and an InputMessage), so they are read
 * as {@code anyOf}: a document must still match at least one alternative.
 */
public final class OpenApiSpec {

    public static final String CHAT_REQUEST = "CreateChatCompletionRequest";
    public static final String CHAT_RESPONSE = "CreateChatCompletionResponse";
    public static final String CHAT_CHUNK = "CreateChatCompletionStreamResponse";
    public static final String RESPONSES_REQUEST = "CreateResponse";
    public static final String RESPONSE = "Response";

    private static final Path SPEC = Path.of(System.getProperty("openai.spec", "../shared/specs/openai-openapi.json"));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    /** JSON Schema 2020-12 plus the annotations OpenAPI and OpenAI's generator add, which validate nothing. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keywords(Stream.of("components", "example", "x-oaiMeta", "x-oaiTypeLabel", "x-oaiExpandable",
                                    "x-stainless-const", "$recursiveAnchor", "$recursiveRef")
                            .map(NonValidationKeyword::new).map(Keyword.class::cast).toList())
                    .build()));
    private static volatile JsonNode spec;

    private OpenApiSpec() {
    }

    public static boolean available() {
        return Files.isRegularFile(SPEC);
    }

    /** Fails the test when {@code document} does not satisfy the named component schema. */
    public static void assertValid(String schemaName, JsonNode document) {
        Set<ValidationMessage> errors = validate(schemaName, document);
        assertThat(errors).as("%s must satisfy OpenAI's %s schema:%n%s", "document", schemaName,
                errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n"))).isEmpty();
    }

    /**
     * Like {@link #assertValid(String, JsonNode)}, but errors at (or below) the given JSON pointers are expected: a
     * fixture of a provider that deviates from the spec there. Each listed deviation must really occur, so a stale
     * exemption cannot hide anything.
     */
    public static void assertValidExcept(String schemaName, JsonNode document, List<String> deviations) {
        Set<String> occurred = validateExcept(schemaName, document, deviations);
        assertThat(occurred).as("the declared deviations must really occur").containsExactlyInAnyOrderElementsOf(
                deviations);
    }

    /**
     * Fails on any error outside the declared deviations, and answers which deviations occurred in this document (for
     * streams, where a deviation shows in some chunks only).
     */
    public static Set<String> validateExcept(String schemaName, JsonNode document, List<String> deviations) {
        Set<ValidationMessage> errors = validate(schemaName, document);
        List<String> unexpected = errors.stream()
                .map(error -> error.getInstanceLocation().toString() + ": " + error.getMessage())
                .filter(error -> deviations.stream().noneMatch(error::startsWith))
                .toList();
        assertThat(unexpected).as("errors beyond the declared provider deviations %s", deviations).isEmpty();
        return deviations.stream()
                .filter(deviation -> errors.stream()
                        .anyMatch(error -> error.getInstanceLocation().toString().startsWith(deviation)))
                .collect(Collectors.toSet());
    }

    public static void assertValid(String schemaName, String json) {
        try {
            assertValid(schemaName, ProxyJson.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<ValidationMessage> validate(String schemaName, JsonNode document) {
        Assumptions.assumeTrue(available(), "OpenAI's spec is not at " + SPEC.toAbsolutePath());
        return SCHEMAS.computeIfAbsent(schemaName, OpenApiSpec::schema).validate(document);
    }

    /**
     * The component schema of one Responses stream event type ({@code response.output_text.delta} →
     * {@code ResponseTextDeltaEvent}), found through the spec's {@code ResponseStreamEvent} union, so that an
     * invalid event is reported against its own schema rather than against all 60 alternatives.
     */
    public static String responsesStreamEventSchema(String type) {
        Assumptions.assumeTrue(available(), "OpenAI's spec is not at " + SPEC.toAbsolutePath());
        JsonNode schemas = spec().path("components").path("schemas");
        JsonNode union = schemas.path("ResponseStreamEvent");
        JsonNode alternatives = union.has("anyOf") ? union.get("anyOf") : union.path("oneOf");
        for (JsonNode alternative : alternatives) {
            String name = alternative.path("$ref").asText().replace("#/components/schemas/", "");
            for (JsonNode value : schemas.path(name).path("properties").path("type").path("enum")) {
                if (value.asText().equals(type)) {
                    return name;
                }
            }
        }
        throw new AssertionError("OpenAI's spec has no stream event of type " + type);
    }

    private static JsonSchema schema(String name) {
        if (!spec().path("components").path("schemas").has(name)) {
            throw new IllegalArgumentException("No schema " + name + " in " + SPEC);
        }
        // only the schemas: the rest of the OpenAPI document is no JSON Schema
        ObjectNode root = ProxyJson.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        root.putObject("components").set("schemas", spec().path("components").path("schemas").deepCopy());
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        return FACTORY.getSchema(root, config);
    }

    private static JsonNode spec() {
        if (spec == null) {
            synchronized (OpenApiSpec.class) {
                if (spec == null) {
                    try {
                        JsonNode loaded = ProxyJson.mapper().readTree(SPEC.toFile());
                        nullableToTypeUnion(loaded);
                        oneOfToAnyOf(loaded);
                        spec = loaded;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return spec;
    }

    private static void oneOfToAnyOf(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("oneOf") && !object.has("anyOf")) {
                object.set("anyOf", object.remove("oneOf"));
            }
            object.elements().forEachRemaining(OpenApiSpec::oneOfToAnyOf);
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiSpec::oneOfToAnyOf);
        }
    }

    /** {@code {"type":"integer","nullable":true}} → {@code {"type":["integer","null"]}}, everywhere. */
    private static void nullableToTypeUnion(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("nullable").asBoolean(false)) {
                if (object.get("enum") instanceof ArrayNode values
                        && java.util.stream.StreamSupport.stream(values.spliterator(), false).noneMatch(JsonNode::isNull)) {
                    // OpenAPI 3.0: nullable admits null even next to an enum
                    values.addNull();
                }
                JsonNode type = object.get("type");
                if (type != null && type.isTextual()) {
                    ArrayNode union = object.arrayNode().add(type.textValue()).add("null");
                    object.set("type", union);
                } else if (type == null && (object.has("$ref") || object.has("allOf") || object.has("anyOf")
                        || object.has("oneOf"))) {
                    ObjectNode inner = object.deepCopy();
                    inner.remove("nullable");
                    object.removeAll();
                    object.putArray("anyOf").add(inner).addObject().put("type", "null");
                }
                object.remove("nullable");
            }
            Iterator<JsonNode> children = object.elements();
            while (children.hasNext()) {
                nullableToTypeUnion(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                nullableToTypeUnion(child);
            }
        }
    }
}
