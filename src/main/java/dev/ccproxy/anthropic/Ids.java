package dev.ccproxy.anthropic;

import java.util.concurrent.ThreadLocalRandom;

/** Anthropic-shaped identifiers: {@code msg_…}, {@code toolu_…}, {@code srvtoolu_…}, {@code req_…}. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 24;

    private Ids() {
    }

    public static String message() {
        return "msg_" + random();
    }

    public static String toolUse() {
        return "toolu_" + random();
    }

    public static String serverToolUse() {
        return "srvtoolu_" + random();
    }

    public static String request() {
        return "req_" + random();
    }

    private static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
