package dev.ccproxy.openai.chat;

/** A part of a user message: {@code text}, {@code image_url} (a URL or a data URL) or {@code file} (a PDF). */
public sealed interface ChatContentPart {

    static ChatContentPart text(String text) {
        return new TextPart("text", text);
    }

    static ChatContentPart imageUrl(String url) {
        return new ImagePart("image_url", new ImagePart.ImageUrl(url));
    }

    static ChatContentPart file(String filename, String dataUrl) {
        return new FilePart("file", new FilePart.FileData(filename, dataUrl));
    }

    record TextPart(String type, String text) implements ChatContentPart {
    }

    record ImagePart(String type, ImageUrl imageUrl) implements ChatContentPart {
        public record ImageUrl(String url) {
        }
    }

    record FilePart(String type, FileData file) implements ChatContentPart {
        public record FileData(String filename, String fileData) {
        }
    }
}
