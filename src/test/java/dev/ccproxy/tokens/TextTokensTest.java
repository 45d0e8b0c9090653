package dev.ccproxy.tokens;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting many texts at once (side by side when long) gives the sum of counting each, cached or not. */
class TextTokensTest {

    private static List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        pieces.add("short");
        pieces.add("");
        for (int i = 0; i < 12; i++) {
            pieces.add(("Piece " + i + " of a long system prompt, with code `x += " + i + "` and ünïcödé. ").repeat(40));
        }
        return pieces;
    }

    @Test
    void counting_all_at_once_is_the_sum_of_counting_each() {
        List<String> pieces = pieces();
        TextTokens reference = new TextTokens(0);
        int sum = pieces.stream().mapToInt(reference::count).sum();
        assertThat(pieces.stream().mapToInt(String::length).sum()).as("long enough to be counted side by side")
                .isGreaterThan(16 * 1024);

        TextTokens uncached = new TextTokens(0);
        TextTokens cached = new TextTokens(1 << 20);

        assertThat(uncached.countAll(pieces)).isEqualTo(sum);
        assertThat(cached.countAll(pieces)).isEqualTo(sum);
        assertThat(cached.countAll(pieces)).as("now from the cache").isEqualTo(sum);
        assertThat(cached.countAll(pieces.subList(0, 3))).isEqualTo(
                pieces.subList(0, 3).stream().mapToInt(reference::count).sum());
    }
}
