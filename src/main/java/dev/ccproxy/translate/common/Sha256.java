package dev.ccproxy.translate.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a string's UTF-8 bytes: the stable digests that shorten ids and names and hide client identities. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The digest in lower-case hex: 64 characters. */
    public static String hex(String value) {
        return HexFormat.of().formatHex(of(value));
    }
}
