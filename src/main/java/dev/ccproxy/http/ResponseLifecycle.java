package dev.ccproxy.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a response is done, and whether its client left first, for whoever needs to know: admission control gives its
 * place back when the response is done, the exchange cancels its upstream call when the client leaves.
 *
 * <p>Vert.x keeps one end handler and one close handler per response, and a second registration silently replaces
 * the first; Vert.x Web takes both for its own end handlers. So the lifecycle is attached in the HTTP layer, first
 * thing for every request, through Vert.x Web's {@code addEndHandler} ({@link #attach}), and the rest of the proxy
 * finds it by the response ({@link #of}).
 *
 * <p>Done means ended or closed, whichever comes first; each listener runs once. A listener added after the fact
 * runs at once.
 */
public final class ResponseLifecycle {

    private static final Map<HttpServerResponse, ResponseLifecycle> OPEN = new ConcurrentHashMap<>();

    private final HttpServerResponse response;
    private final List<Runnable> whenDone = new ArrayList<>(2);
    private final List<Runnable> whenClosed = new ArrayList<>(2);
    private boolean done;
    private boolean closed;

    private ResponseLifecycle(HttpServerResponse response) {
        this.response = response;
    }

    /** Attaches the lifecycle of the request's response (the HTTP layer does, first thing for every request). */
    public static ResponseLifecycle attach(RoutingContext routing) {
        ResponseLifecycle lifecycle = new ResponseLifecycle(routing.response());
        OPEN.put(routing.response(), lifecycle);
        routing.addEndHandler(result -> lifecycle.finish(result.failed()));
        return lifecycle;
    }

    /**
     * The response's lifecycle, as {@link #attach} registered it; for a response that has finished already, one whose
     * listeners run at once. Never the response's own handlers: taking those would silence Vert.x Web's.
     *
     * @throws IllegalStateException for a response the HTTP layer did not attach a lifecycle to (a wiring mistake)
     */
    public static ResponseLifecycle of(HttpServerResponse response) {
        ResponseLifecycle lifecycle = OPEN.get(response);
        if (lifecycle != null) {
            return lifecycle;
        }
        if (response.ended() || response.closed()) {
            ResponseLifecycle finished = new ResponseLifecycle(response);
            finished.done = true;
            finished.closed = !response.ended();
            return finished;
        }
        throw new IllegalStateException("No lifecycle attached to the response: the HTTP layer attaches one to every "
                + "request it routes (ResponseLifecycle.attach)");
    }

    /** Runs {@code listener} once the response has ended or its connection closed. */
    public void whenDone(Runnable listener) {
        boolean now;
        synchronized (this) {
            now = done;
            if (!now) {
                whenDone.add(listener);
            }
        }
        if (now) {
            listener.run();
        }
    }

    /** Runs {@code listener} if the connection closes before the response has ended (the client left). */
    public void whenClosed(Runnable listener) {
        boolean now;
        synchronized (this) {
            now = closed;
            if (!done) {
                whenClosed.add(listener);
            }
        }
        if (now) {
            listener.run();
        }
    }

    private void finish(boolean byClose) {
        List<Runnable> run = new ArrayList<>();
        synchronized (this) {
            if (byClose && !done) {
                closed = true;
                run.addAll(whenClosed);
            }
            if (!done) {
                done = true;
                run.addAll(whenDone);
            }
            whenDone.clear();
            whenClosed.clear();
        }
        OPEN.remove(response);
        run.forEach(Runnable::run);
    }
}
