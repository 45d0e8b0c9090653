package dev.ccproxy.testsupport;

import dev.ccproxy.anthropic.StreamEvent;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.translate.common.EventSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventSink} that keeps what it is sent, in wire form, for golden comparison and the invariants. */
public final class CollectingSink implements EventSink {

    private final List<AnthropicStreamInvariants.WireEvent> events = new ArrayList<>();

    @Override
    public void send(List<StreamEvent> batch) {
        for (StreamEvent event : batch) {
            try {
                events.add(AnthropicStreamInvariants.WireEvent.of(event.type(),
                        ProxyJson.mapper().writeValueAsString(event)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean clientGone() {
        return false;
    }

    public List<AnthropicStreamInvariants.WireEvent> events() {
        return events;
    }
}
