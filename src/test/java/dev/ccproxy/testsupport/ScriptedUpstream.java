package dev.ccproxy.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible upstream on a raw socket (127.0.0.1, a free port), scripted per request, that sees what
 * WireMock cannot: exactly when the proxy closes the connection. Between two stream events it waits by reading the
 * socket with a timeout, so a closed connection is noticed at once (the read returns -1) rather than at the next
 * write.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** A recorded request: its path, headers (names in lower case) and body. */
    public record Request(String path, Map<String, String> headers, String body, long receivedNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One step of a streamed answer: wait, then send one {@code data:} event (or raw SSE text). */
    public record Step(Duration before, String sse) {

        /** The marker of a reset: the connection is dropped (TCP RST) instead of sending anything. */
        static final String RESET = "\u0000reset";

        public static Step data(Duration before, String json) {
            return new Step(before, "data: " + json + "\n\n");
        }

        /** Wait, then drop the connection mid-stream with a TCP reset. */
        public static Step reset(Duration before) {
            return new Step(before, RESET);
        }
    }

    /** What the stub answers one request with. */
    public sealed interface Reply {
    }

    /** A complete JSON answer. */
    public record Json(int status, String body, List<String> headers) implements Reply {
    }

    /** A streamed answer ({@code text/event-stream}, chunked), step by step. */
    public record Sse(List<Step> steps) implements Reply {
    }

    /** No answer at all: the request is held until the proxy gives up on it (or {@code max} passes). */
    public record Hold(Duration max) implements Reply {
    }

    /** The connection dropped with a TCP reset as soon as the request is read: nothing is answered. */
    public record Reset() implements Reply {
    }

    /**
     * Exactly these bytes (status line, headers, body, whatever they say), then the connection is closed: cleanly, or
     * with a TCP reset when {@code reset}.
     */
    public record Raw(String response, boolean reset) implements Reply {
    }

    /** {@code then}, after a silence of {@code before} (headers included): a slow upstream. */
    public record Late(Duration before, Reply then) implements Reply {
    }

    public static Json json(int status, String body, String... headers) {
        return new Json(status, body, List.of(headers));
    }

    /** Chunks {@code gap} apart, each line a {@code data:} event. */
    public static Sse sse(Duration gap, List<String> chunks) {
        List<Step> steps = new ArrayList<>();
        for (String chunk : chunks) {
            steps.add(Step.data(gap, chunk));
        }
        return new Sse(steps);
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Function<Request, Reply> script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger eventsSent = new AtomicInteger();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger mostActiveStreams = new AtomicInteger();
    private final CountDownLatch closedByProxy = new CountDownLatch(1);
    private final AtomicInteger closesByProxy = new AtomicInteger();
    private final List<Long> closeTimes = new CopyOnWriteArrayList<>();
    private volatile int eventsBeforeClose = -1;
    private volatile boolean running = true;

    public ScriptedUpstream(Function<Request, Reply> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    public List<Request> requests() {
        return requests;
    }

    /** Waits until the proxy closed a connection while an answer was still being streamed or held. */
    public boolean awaitClosedByProxy(Duration timeout) throws InterruptedException {
        return closedByProxy.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times so far the proxy closed a connection while an answer was being streamed, held or delayed. */
    public int closesByProxy() {
        return closesByProxy.get();
    }

    /** When ({@link System#nanoTime()}) each close by the proxy was seen, in order. */
    public List<Long> closeTimes() {
        return closeTimes;
    }

    /** Events written on the connection the proxy closed, before it did; -1 when none was closed. */
    public int eventsBeforeClose() {
        return eventsBeforeClose;
    }

    public int eventsSent() {
        return eventsSent.get();
    }

    /** The most streamed answers that were in progress at the same time. */
    public int mostActiveStreams() {
        return mostActiveStreams.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (running) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Reply reply = script.apply(request);
                if (!answer(reply, socket, in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the proxy went away while a request was being read
        }
    }

    /** Answers; false when the connection is done for (closed by the proxy, or a held request). */
    private boolean answer(Reply reply, Socket socket, InputStream in, OutputStream out) throws IOException {
        if (reply instanceof Json json) {
            byte[] body = json.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + json.status() + " X\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
            json.headers().forEach(header -> head.append(header).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return true;
        }
        if (reply instanceof Reset) {
            socket.setSoLinger(true, 0);
            socket.close();
            return false;
        }
        if (reply instanceof Raw raw) {
            out.write(raw.response().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (raw.reset()) {
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            socket.shutdownOutput();
            waitForClose(socket, in, Duration.ofSeconds(5), 0);
            return false;
        }
        if (reply instanceof Late late) {
            return !waitForClose(socket, in, late.before(), 0) && answer(late.then(), socket, in, out);
        }
        if (reply instanceof Hold hold) {
            waitForClose(socket, in, hold.max(), 0);
            return false;
        }
        mostActiveStreams.accumulateAndGet(activeStreams.incrementAndGet(), Math::max);
        try {
            return stream((Sse) reply, socket, in, out);
        } finally {
            activeStreams.decrementAndGet();
        }
    }

    private boolean stream(Sse sse, Socket socket, InputStream in, OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int sent = 0;
        for (Step step : sse.steps()) {
            if (!step.before().isZero() && waitForClose(socket, in, step.before(), sent)) {
                return false;
            }
            if (Step.RESET.equals(step.sse())) {
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            try {
                byte[] data = step.sse().getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(data);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                recordClose(sent);
                return false;
            }
            sent++;
            eventsSent.incrementAndGet();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    /** Waits {@code time} by reading the socket; true (and recorded) when the proxy closed it meanwhile. */
    private boolean waitForClose(Socket socket, InputStream in, Duration time, int sent) throws IOException {
        long deadline = System.nanoTime() + time.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read() < 0) {
                    recordClose(sent);
                    return true;
                }
            } catch (SocketTimeoutException waited) {
                return false;
            } catch (IOException reset) {
                recordClose(sent);
                return true;
            } finally {
                socket.setSoTimeout(0);
            }
        }
    }

    private void recordClose(int sent) {
        if (eventsBeforeClose < 0) {
            eventsBeforeClose = sent;
        }
        closeTimes.add(System.nanoTime());
        closesByProxy.incrementAndGet();
        closedByProxy.countDown();
    }

    private static Request readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        int contentLength = 0;
        boolean chunked = false;
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(lower.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes(contentLength);
        String path = requestLine.split(" ")[1];
        return new Request(path, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8), System.nanoTime());
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
