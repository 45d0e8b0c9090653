package dev.ccproxy.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.spi.ExecutorServiceFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x instance platform-http serves on (it takes the one in the registry), with one difference from
 * {@code Vertx.vertx()}: its worker pool starts a virtual thread for each task instead of lending one of a fixed
 * number of platform threads.
 *
 * <p>Why: Camel 4.18's platform-http runs each route synchronously inside {@code executeBlocking}, so a request holds
 * its worker for its whole life, and a stream for minutes. With platform threads that is a thread stack per stream
 * and a pool that a burst exhausts (requests then queue behind streams that last minutes). A virtual thread parked in
 * a socket read costs a few kilobytes of heap, so thousands of streams cost thousands of small objects, and the
 * blocking parts (camel-http's classic client, the relay's reads) stay plain, readable blocking code. Java 25 (JEP
 * 491) no longer pins a virtual thread to its carrier inside {@code synchronized}, which Camel and HttpClient use.
 */
public final class ServerVertx {

    /** The blocked-thread checker watches only Vert.x's own threads; this keeps it quiet if one ever runs a route. */
    private static final long MAX_EXECUTE_SECONDS = TimeUnit.HOURS.toSeconds(1);

    private ServerVertx() {
    }

    /** @param eventLoops how many event loops serve the connections (and relay their streams) */
    public static Vertx create(int eventLoops) {
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                // Netty's epoll transport where it loads (Linux x86-64), Java NIO elsewhere
                .setPreferNativeTransport(true)
                .setMaxWorkerExecuteTime(MAX_EXECUTE_SECONDS)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.SECONDS);
        return new VertxBuilder(options).executorServiceFactory(new VirtualThreadWorkers()).init().vertx();
    }

    /** Every executor Vert.x asks for (its worker pool and its internal blocking pool): a virtual thread a task. */
    private static final class VirtualThreadWorkers implements ExecutorServiceFactory {

        @Override
        public ExecutorService createExecutor(java.util.concurrent.ThreadFactory platformThreads, Integer concurrency,
                Integer maxConcurrency) {
            return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request-", 0).factory());
        }
    }
}
