package dev.ccproxy.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between a client and the proxy that keeps a copy of every byte the proxy answered, so that what a real
 * client (Claude Code) received can be checked afterwards: the HTTP responses are parsed back out of the recording,
 * chunked bodies reassembled.
 */
public final class RecordingRelay implements AutoCloseable {

    /** One HTTP response as the client received it. */
    public record Response(int status, Map<String, String> headers, String body) {

        public boolean eventStream() {
            return headers.getOrDefault("content-type", "").startsWith("text/event-stream");
        }
    }

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "recording-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ByteArrayOutputStream> recordings = new CopyOnWriteArrayList<>();

    public RecordingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every response on every connection so far, in order per connection. */
    public List<Response> responses() throws IOException {
        List<Response> responses = new ArrayList<>();
        for (ByteArrayOutputStream recording : recordings) {
            byte[] bytes;
            synchronized (recording) {
                bytes = recording.toByteArray();
            }
            InputStream in = new ByteArrayInputStream(bytes);
            Response response;
            while ((response = readResponse(in)) != null) {
                responses.add(response);
            }
        }
        return responses;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket proxy = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                ByteArrayOutputStream recording = new ByteArrayOutputStream();
                recordings.add(recording);
                threads.execute(() -> pump(client, proxy, null));
                threads.execute(() -> pump(proxy, client, recording));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream recording) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (recording != null) {
                    synchronized (recording) {
                        recording.write(buffer, 0, read);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // one side hung up
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || statusLine.isEmpty()) {
            return null;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            String size;
            while ((size = readLine(in)) != null && !size.isEmpty()) {
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    readLine(in);
                    break;
                }
                body.write(in.readNBytes(length));
                readLine(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
