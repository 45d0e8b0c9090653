package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.DocumentBlock;
import dev.ccproxy.anthropic.ImageBlock;
import dev.ccproxy.anthropic.MediaSource;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.error.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Images and documents → protocol-neutral {@link MediaPart}s, which each upstream protocol turns into its own parts.
 *
 * <ul>
 *   <li>Images: base64 → a data URL; URL sources pass as the URL.</li>
 *   <li>PDFs: base64 → a file with a data URL, which OpenAI reads natively; a URL → a file URL (Responses only).</li>
 *   <li>Text documents (and base64 {@code text/*}) → text headed by the title and context.</li>
 *   <li>{@code content} documents → their blocks as text and images.</li>
 * </ul>
 * Sources no upstream can fetch (Anthropic Files API ids) are a 400 that says why, never a silent drop.
 */
final class MediaParts {

    private MediaParts() {
    }

    static MediaPart image(ImageBlock image, String where) {
        MediaSource source = image.source();
        if (source == null || source.type() == null) {
            throw new InvalidRequestException(where + ".source: an image needs a source with a type");
        }
        return switch (source.type()) {
            case "base64" -> new MediaPart.Image(dataUrl(source, "image/png", where));
            case "url" -> new MediaPart.Image(required(source.url(), where + ".source.url"));
            case "file" -> throw new InvalidRequestException(where + ".source: images from the Anthropic Files API "
                    + "(source.type \"file\") cannot be forwarded to an OpenAI-compatible upstream; send them as base64");
            default -> throw new InvalidRequestException(where + ".source.type: unsupported image source type \""
                    + source.type() + "\" (expected base64 or url)");
        };
    }

    static List<MediaPart> document(DocumentBlock document, String where) {
        MediaSource source = document.source();
        if (source == null || source.type() == null) {
            throw new InvalidRequestException(where + ".source: a document needs a source with a type");
        }
        List<MediaPart> parts = new ArrayList<>();
        switch (source.type()) {
            case "text" -> parts.add(new MediaPart.Text(headed(document, nullToEmpty(source.data()))));
            case "base64" -> {
                String mediaType = source.mediaType() == null ? "application/pdf" : source.mediaType();
                if (mediaType.startsWith("text/")) {
                    parts.add(new MediaPart.Text(headed(document, decodeText(source.data(), where))));
                } else {
                    if (document.title() != null || document.context() != null) {
                        parts.add(new MediaPart.Text(headed(document, "")));
                    }
                    parts.add(new MediaPart.File(filename(document), dataUrl(source, mediaType, where)));
                }
            }
            case "content" -> {
                String heading = headed(document, "");
                if (!heading.isEmpty()) {
                    parts.add(new MediaPart.Text(heading));
                }
                List<ContentBlock> blocks = source.content() == null ? List.of() : source.content();
                for (int i = 0; i < blocks.size(); i++) {
                    ContentBlock block = blocks.get(i);
                    if (block instanceof TextBlock text && text.text() != null && !text.text().isEmpty()) {
                        parts.add(new MediaPart.Text(text.text()));
                    } else if (block instanceof ImageBlock image) {
                        parts.add(image(image, where + ".source.content[" + i + "]"));
                    }
                }
            }
            case "url" -> {
                if (document.title() != null || document.context() != null) {
                    parts.add(new MediaPart.Text(headed(document, "")));
                }
                parts.add(new MediaPart.FileUrl(required(source.url(), where + ".source.url"), where));
            }
            case "file" -> throw new InvalidRequestException(where + ".source: documents from the Anthropic Files API "
                    + "(source.type \"file\") cannot be forwarded to an OpenAI-compatible upstream; send them as base64");
            default -> throw new InvalidRequestException(where + ".source.type: unsupported document source type \""
                    + source.type() + "\" (expected base64, text, content or url)");
        }
        return parts;
    }

    /** {@code data:<media type>;base64,<data>}; data that already is a data URL is kept as it is. */
    private static String dataUrl(MediaSource source, String defaultMediaType, String where) {
        String data = required(source.data(), where + ".source.data");
        if (data.startsWith("data:")) {
            return data;
        }
        String mediaType = source.mediaType() == null ? defaultMediaType : source.mediaType();
        return "data:" + mediaType + ";base64," + data;
    }

    private static String decodeText(String base64, String where) {
        try {
            return new String(Base64.getMimeDecoder().decode(nullToEmpty(base64)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(where + ".source.data: not valid base64", e);
        }
    }

    /** The document's title and context ahead of its text, so the model knows what it is reading. */
    private static String headed(DocumentBlock document, String text) {
        StringBuilder heading = new StringBuilder();
        if (document.title() != null && !document.title().isBlank()) {
            heading.append("Document: ").append(document.title()).append('\n');
        }
        if (document.context() != null && !document.context().isBlank()) {
            heading.append("Context: ").append(document.context()).append('\n');
        }
        if (text.isEmpty()) {
            return heading.toString().stripTrailing();
        }
        return heading.isEmpty() ? text : heading.append('\n').append(text).toString();
    }

    private static String filename(DocumentBlock document) {
        String title = document.title();
        if (title == null || title.isBlank()) {
            return "document.pdf";
        }
        return title.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? title : title + ".pdf";
    }

    private static String required(String value, String where) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(where + ": required");
        }
        return value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
