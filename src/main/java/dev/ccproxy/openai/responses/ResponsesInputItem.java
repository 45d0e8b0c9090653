package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * One item of the Responses {@code input}: a message, a function call the model made, or a call's output. History in
 * this form keeps the links between calls and results ({@code call_id}) that a flattened transcript would lose.
 */
public sealed interface ResponsesInputItem {

    static Message message(String role, Content content) {
        return new Message("message", role, content);
    }

    static FunctionCall functionCall(String callId, String name, String arguments) {
        return new FunctionCall("function_call", callId, name, arguments);
    }

    static FunctionCallOutput functionCallOutput(String callId, Content output) {
        return new FunctionCallOutput("function_call_output", callId, output);
    }

    /** A reasoning item sent back as the upstream gave it, so that a reasoning model keeps its chain of thought. */
    static Reasoning reasoning(String id, String summary, String encryptedContent) {
        return new Reasoning("reasoning", id,
                summary == null || summary.isEmpty() ? List.of() : List.of(new SummaryText("summary_text", summary)),
                encryptedContent);
    }

    record Message(String type, String role, Content content) implements ResponsesInputItem {
    }

    record Reasoning(String type, String id, List<SummaryText> summary, String encryptedContent)
            implements ResponsesInputItem {
    }

    record SummaryText(String type, String text) {
    }

    record FunctionCall(String type, String callId, String name, String arguments) implements ResponsesInputItem {
    }

    /** @param output a string, or parts when the tool returned images or files */
    record FunctionCallOutput(String type, String callId, Content output) implements ResponsesInputItem {
    }

    /** A string, or a list of {@code input_text} / {@code input_image} / {@code input_file} parts. */
    sealed interface Content {

        static Content text(String text) {
            return new Text(text);
        }

        /** Text-only parts become one string, which every Responses-compatible server accepts. */
        static Content parts(List<Part> parts) {
            if (parts.stream().allMatch(part -> part.type().equals("input_text"))) {
                StringBuilder text = new StringBuilder();
                for (Part part : parts) {
                    if (!text.isEmpty()) {
                        text.append("\n\n");
                    }
                    text.append(part.text());
                }
                return new Text(text.toString());
            }
            return new Parts(List.copyOf(parts));
        }

        record Text(@JsonValue String value) implements Content {
        }

        record Parts(@JsonValue List<Part> value) implements Content {
        }
    }

    /** A content part; {@code detail} is required for images. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Part(String type, String text, String imageUrl, String detail, String filename, String fileData,
            String fileUrl) {

        public static Part text(String text) {
            return new Part("input_text", text, null, null, null, null, null);
        }

        public static Part image(String url) {
            return new Part("input_image", null, url, "auto", null, null, null);
        }

        public static Part file(String filename, String dataUrl) {
            return new Part("input_file", null, null, null, filename, dataUrl, null);
        }

        /** A document the upstream fetches itself. */
        public static Part fileUrl(String url) {
            return new Part("input_file", null, null, null, null, null, url);
        }
    }
}
