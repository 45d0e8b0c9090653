package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.anthropic.TextBlock;

import java.util.List;

/**
 * The block bookkeeping every stream translator needs, whatever its upstream API: Anthropic's stream has at most one
 * content block open at a time, indexes 0, 1, 2, … in the order blocks start, and every start stopped. Also the two
 * things every translator owes at the end: an answer with no content still has one (empty) text block, as a whole
 * answer does; and, when the upstream reports no usage, an output estimate from the characters streamed.
 *
 * <p>What happens as a block closes (a tool call's arguments completed, citations held back) is the translator's:
 * it does that, then calls {@link #stop}.
 */
public final class ContentBlocks {

    /** What the open block holds; {@code OTHER} for the server-tool blocks a translator opens and closes at once. */
    public enum Kind { TEXT, THINKING, TOOL, OTHER }

    private int nextIndex;
    private int openIndex = -1;
    private Kind openKind;
    private long outputCharacters;

    /** Starts a block (nothing may be open): its {@code content_block_start}; answers its index. */
    public int start(Kind kind, ContentBlock block, List<StreamEvent> events) {
        if (openKind != null) {
            throw new IllegalStateException("block " + openIndex + " is still open");
        }
        openKind = kind;
        openIndex = nextIndex++;
        events.add(StreamEvent.blockStart(openIndex, block));
        return openIndex;
    }

    /** Stops the open block, if any: its {@code content_block_stop}. */
    public void stop(List<StreamEvent> events) {
        if (openKind == null) {
            return;
        }
        events.add(StreamEvent.blockStop(openIndex));
        openKind = null;
        openIndex = -1;
    }

    /** A delta to the open block. */
    public void delta(StreamEvent.Delta delta, List<StreamEvent> events) {
        events.add(StreamEvent.delta(openIndex, delta));
    }

    public boolean isOpen(Kind kind) {
        return openKind == kind;
    }

    boolean anyOpen() {
        return openKind != null;
    }

    public int openIndex() {
        return openIndex;
    }

    /** Counts what the model wrote (text, thinking, tool arguments), for the estimate. */
    public void wrote(String output) {
        outputCharacters += output.length();
    }

    /** At the end, with nothing open: an empty text block when the answer had no block at all. */
    public void atLeastOne(List<StreamEvent> events) {
        if (nextIndex == 0) {
            start(Kind.TEXT, TextBlock.of(""), events);
            stop(events);
        }
    }

    /** Output tokens estimated from the characters written (about four a token), at least one. */
    public int outputEstimate() {
        return (int) Math.max(1, (outputCharacters + 3) / 4);
    }
}
