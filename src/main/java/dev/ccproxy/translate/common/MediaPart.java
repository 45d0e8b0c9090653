package dev.ccproxy.translate.common;

/** An image, a file or text taken from an Anthropic block, before it takes the shape of one upstream protocol. */
public sealed interface MediaPart {

    record Text(String text) implements MediaPart {
    }

    /** @param url an http(s) URL or a data URL */
    record Image(String url) implements MediaPart {
    }

    /** @param dataUrl {@code data:<media type>;base64,…} */
    record File(String filename, String dataUrl) implements MediaPart {
    }

    /** A document only reachable by URL: the Responses API fetches it, Chat Completions cannot. */
    record FileUrl(String url, String where) implements MediaPart {
    }
}
