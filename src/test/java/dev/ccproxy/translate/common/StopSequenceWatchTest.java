package dev.ccproxy.translate.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopSequenceWatchTest {

    private static List<String> feed(StopSequenceWatch watch, String... deltas) {
        List<String> released = new ArrayList<>();
        for (String delta : deltas) {
            released.add(watch.accept(delta));
        }
        return released;
    }

    @Test
    void text_that_cannot_start_a_sequence_goes_out_at_once() {
        StopSequenceWatch watch = new StopSequenceWatch(List.of("END"));

        assertThat(feed(watch, "Hello ", "world")).containsExactly("Hello ", "world");
        assertThat(watch.matched()).isNull();
    }

    @Test
    void only_a_possible_beginning_is_held_back_and_released_when_it_is_not_one() {
        StopSequenceWatch watch = new StopSequenceWatch(List.of("###"));

        assertThat(feed(watch, "a #", "# b")).containsExactly("a ", "## b");
        assertThat(watch.flush()).isEmpty();
    }

    @Test
    void a_sequence_split_across_deltas_cuts_the_text_before_it() {
        StopSequenceWatch watch = new StopSequenceWatch(List.of("</answer>", "STOP"));

        assertThat(feed(watch, "The answer is 4.</ans", "wer> and more", " text")).containsExactly("The answer is 4.", "",
                "");
        assertThat(watch.matched()).isEqualTo("</answer>");
    }

    @Test
    void the_earliest_match_wins_whichever_sequence_it_is() {
        StopSequenceWatch watch = new StopSequenceWatch(List.of("two", "one"));

        assertThat(watch.cut("zero one two three")).isEqualTo("zero ");
        assertThat(watch.matched()).isEqualTo("one");
    }

    @Test
    void held_text_comes_out_when_the_answer_ends_without_a_match() {
        StopSequenceWatch watch = new StopSequenceWatch(List.of("\n\nHuman:"));

        assertThat(feed(watch, "Done.\n")).containsExactly("Done.");
        assertThat(watch.flush()).isEqualTo("\n");
        assertThat(new StopSequenceWatch(List.of()).active()).isFalse();
    }
}
