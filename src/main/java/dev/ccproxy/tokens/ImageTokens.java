package dev.ccproxy.tokens;

import java.util.Base64;

/**
 * What an image costs, as Anthropic counts it: about width × height / 750 tokens, for images scaled to fit within
 * 1568 pixels and 1.2 megapixels (Anthropic lists 1092 × 1092 at 1590), so at most 1600. The size is read from the
 * first bytes of a base64 PNG, GIF or JPEG; other images (URLs, other formats) count as the maximum.
 */
final class ImageTokens {

    static final int MAX = 1600;
    private static final int MAX_EDGE = 1568;
    private static final double MAX_PIXELS = 1_200_000;
    /** Enough of the file for the size: PNG and GIF have it at the start, JPEG in its first frame header. */
    private static final int HEAD_BASE64_CHARS = 64 * 1024;

    private ImageTokens() {
    }

    static int ofBase64(String data) {
        if (data == null || data.isEmpty()) {
            return MAX;
        }
        int comma = data.startsWith("data:") ? data.indexOf(',') : -1;
        String base64 = comma >= 0 ? data.substring(comma + 1) : data;
        int take = Math.min(base64.length(), HEAD_BASE64_CHARS) & ~3;
        byte[] head;
        try {
            head = Base64.getMimeDecoder().decode(base64.substring(0, take));
        } catch (IllegalArgumentException e) {
            return MAX;
        }
        int[] size = size(head);
        return size == null ? MAX : ofSize(size[0], size[1]);
    }

    static int ofSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            return MAX;
        }
        double scale = Math.min(1.0, Math.min((double) MAX_EDGE / Math.max(width, height),
                Math.sqrt(MAX_PIXELS / ((double) width * height))));
        double pixels = (width * scale) * (height * scale);
        return (int) Math.min(MAX, Math.max(1, Math.ceil(pixels / 750)));
    }

    /** {width, height}, or null when the format is not recognised. */
    static int[] size(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new int[] {int32(b, 16), int32(b, 20)};
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new int[] {(b[6] & 0xFF) | (b[7] & 0xFF) << 8, (b[8] & 0xFF) | (b[9] & 0xFF) << 8};
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    /** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
    private static int[] jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                int height = (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF);
                int width = (b[i + 7] & 0xFF) << 8 | (b[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + length;
        }
        return null;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
