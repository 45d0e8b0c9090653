package dev.ccproxy.tokens;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Image sizes read from the first bytes of the file, and Anthropic's size-to-tokens rule. */
class ImageTokensTest {

    @Test
    void small_images_cost_their_pixels_over_750() {
        assertThat(ImageTokens.ofSize(100, 200)).isEqualTo(27);
        assertThat(ImageTokens.ofSize(1092, 1092)).isEqualTo(1590);
    }

    @Test
    void large_images_are_scaled_down_first_so_none_costs_more_than_1600() {
        assertThat(ImageTokens.ofSize(8000, 6000)).isBetween(1500, 1600);
        assertThat(ImageTokens.ofSize(4000, 100)).as("a long edge over 1568 is scaled down").isEqualTo(82);
    }

    @Test
    void unreadable_images_cost_the_most() {
        assertThat(ImageTokens.ofBase64("not base64 at all!")).isEqualTo(ImageTokens.MAX);
        assertThat(ImageTokens.ofBase64(Base64.getEncoder().encodeToString("RIFF....WEBP".getBytes())))
                .isEqualTo(ImageTokens.MAX);
        assertThat(ImageTokens.ofBase64(null)).isEqualTo(ImageTokens.MAX);
    }

    @Test
    void a_data_url_prefix_is_skipped() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 20, 0, 30, 0, 0, 0, 0, ';'};
        assertThat(ImageTokens.ofBase64("data:image/gif;base64," + Base64.getEncoder().encodeToString(gif)))
                .isEqualTo(1);
    }
}
