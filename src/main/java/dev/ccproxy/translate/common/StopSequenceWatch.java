package dev.ccproxy.translate.common;

import java.util.List;

/**
 * Watches an answer's text for the request's stop sequences where the upstream cannot be trusted to stop on them (the
 * Responses API has no {@code stop}; Chat streams seldom say which sequence ended them). Text is released as soon as
 * it cannot be the start of a sequence: at most the longest sequence less one character is held back, and only while
 * the text's end could still begin one. At the first match the text is cut before it, and nothing after it counts.
 */
public final class StopSequenceWatch {

    private final List<String> sequences;
    private final StringBuilder held = new StringBuilder();
    private String matched;

    public StopSequenceWatch(List<String> sequences) {
        this.sequences = sequences == null ? List.of()
                : sequences.stream().filter(sequence -> sequence != null && !sequence.isEmpty()).toList();
    }

    /** Whether there is anything to watch for. */
    public boolean active() {
        return !sequences.isEmpty();
    }

    /** The sequence that ended the text, or null. */
    public String matched() {
        return matched;
    }

    /** The part of the text so far that can go to the client now (after a match: what came before it). */
    public String accept(String delta) {
        if (matched != null || delta == null || delta.isEmpty()) {
            return "";
        }
        if (!active()) {
            return delta;
        }
        held.append(delta);
        int first = -1;
        for (String sequence : sequences) {
            int at = held.indexOf(sequence);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
                matched = sequence;
            }
        }
        if (first >= 0) {
            String before = held.substring(0, first);
            held.setLength(0);
            return before;
        }
        int keep = heldPrefix();
        String release = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return release;
    }

    /** What is still held back once the text ends without a match. */
    public String flush() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }

    /** The longest end of the held text that begins some sequence. */
    private int heldPrefix() {
        String text = held.toString();
        int longest = 0;
        for (String sequence : sequences) {
            for (int length = Math.min(sequence.length() - 1, text.length()); length > longest; length--) {
                if (text.regionMatches(text.length() - length, sequence, 0, length)) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }

    /** The whole text of an answer, cut before its first stop sequence; sets {@link #matched()}. */
    public String cut(String text) {
        String before = accept(text);
        return matched != null ? before : before + flush();
    }
}
