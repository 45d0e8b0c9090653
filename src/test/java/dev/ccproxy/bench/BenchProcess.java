package dev.ccproxy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process the benchmark starts and measures from outside, as an operator would: the proxy's packaged jar (started
 * exactly as {@code java -jar target/claude-code-proxy.jar}, plus any JVM options the run names) or the stub. Its
 * resident memory and CPU time come from {@code /proc} (Linux).
 */
public final class BenchProcess implements AutoCloseable {

    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final long startedNanos;
    private final int port;
    private final AtomicLong peakRssKb = new AtomicLong();
    private volatile ScheduledExecutorService sampler;

    private BenchProcess(Process process, long startedNanos, int port) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.port = port;
    }

    /**
     * The proxy jar against {@code stubPort}, on a free port, configured only by environment variables (the README's
     * way); {@code jvmOptions} are added before {@code -jar} (none: the JVM's own defaults, as a user starts it).
     */
    public static BenchProcess proxy(String java, List<String> jvmOptions, String jar, int stubPort,
            Map<String, String> env, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        // run in the checkout the jar was built in, whose routes/ and application.properties it reads
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(Path.of(jar).toAbsolutePath().getParent().getParent().toFile());
        builder.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + stubPort + "/v1");
        builder.environment().put("OPENAI_API_KEY", "sk-bench");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("PROXY_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().remove("ANTHROPIC_API_KEY");
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new BenchProcess(builder.start(), started, port);
    }

    /** The stub in its own JVM (this one's Java, one event loop); answers once it listens. */
    static BenchProcess stub(Path log) throws IOException {
        return stub(log, BenchmarkStub.class);
    }

    /** A stub whose {@code main} is {@code main} (it serves through {@link BenchmarkStub#serve}). */
    public static BenchProcess stub(Path log, Class<?> main) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx1g", "-XX:+UseParallelGC", "-cp", System.getProperty(
                "java.class.path"), main.getName());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("STUB_PORT=")) {
                return new BenchProcess(process, System.nanoTime(), Integer.parseInt(line.substring(10)));
            }
        }
        throw new IllegalStateException("the stub did not start; see " + log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for {@code GET /health} to answer 200; answers the time from the process's start, in nanoseconds. */
    public long awaitHealthy(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HEALTH.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime() - startedNanos;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(2, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("the proxy did not start; see " + log);
    }

    /** Resident memory now, in KiB. */
    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU time so far, in milliseconds. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / 100;
        } catch (IOException gone) {
            return -1;
        }
    }

    /**
     * CPU time so far by thread kind (a thread's name without its number: "vert.x-eventloop-thread-",
     * "C2 CompilerThread", "ForkJoinPool-1-worker-"), in milliseconds, from /proc: where the process's CPU goes.
     */
    Map<String, Long> cpuMillisByThread() {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long millis = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / 100;
                    byKind.merge(name.replaceAll("[0-9]+$", "").replaceAll("#[0-9]+", "#"), millis, Long::sum);
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException gone) {
            return Map.of();
        }
        return byKind;
    }

    /** Starts sampling the resident memory every 50 ms; {@link #stopPeakRss()} answers the highest seen. */
    void startPeakRss() {
        peakRssKb.set(rssKb());
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        every.scheduleAtFixedRate(() -> peakRssKb.accumulateAndGet(rssKb(), Math::max), 50, 50,
                TimeUnit.MILLISECONDS);
        sampler = every;
    }

    long stopPeakRss() throws InterruptedException {
        ScheduledExecutorService every = sampler;
        if (every != null) {
            every.shutdownNow();
            every.awaitTermination(5, TimeUnit.SECONDS);
        }
        return peakRssKb.accumulateAndGet(rssKb(), Math::max);
    }

    /** Lets the process run undisturbed for a while (returns early only if it ends). */
    void settle(long millis) throws InterruptedException {
        process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a JFR recording in the running process with {@code jcmd} (from the same JDK as {@code java}), so that a
     * profile covers a measured run and not the start-up and JIT warm-up before it.
     */
    void startRecording(String java, Path file) throws IOException, InterruptedException {
        try {
            // Java 25's CPU-time sampler sees virtual threads and time in system calls
            jcmd(java, "JFR.start", "name=bench", "settings=profile", "jdk.CPUTimeSample#enabled=true",
                    "jdk.CPUTimeSample#throttle=2ms", "filename=" + file.toAbsolutePath());
        } catch (IllegalStateException olderJava) {
            jcmd(java, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
        }
    }

    void stopRecording(String java) throws IOException, InterruptedException {
        jcmd(java, "JFR.stop", "name=bench");
    }

    /** Runs a diagnostic command in the process ({@code jcmd} beside {@code java}); answers what it printed. */
    public String jcmd(String java, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(java).resolveSibling("jcmd").toString(),
                Long.toString(process.pid())));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
        return out;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
