package dev.ccproxy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary copy of {@code routes/}, for tests that run the proxy on edited routes (the examples of YAML edits,
 * route reload) without touching the real files. {@link #includePattern()} is what
 * {@code camel.main.routes-include-pattern} must say to load it.
 */
public final class RoutesCopy implements AutoCloseable {

    private static final Path ROUTES = Path.of("routes");

    private final Path directory;

    private RoutesCopy(Path directory) {
        this.directory = directory;
    }

    /** A copy of every {@code routes/*.camel.yaml}. */
    public static RoutesCopy of() {
        try {
            Path directory = Files.createTempDirectory("routes-");
            for (Path route : camelYaml(ROUTES)) {
                Files.copy(route, directory.resolve(route.getFileName()));
            }
            return new RoutesCopy(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code *.camel.yaml} files of {@code folder}, in name order. */
    public static List<Path> camelYaml(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    /** Replaces the copy's files with the example's of the same names ({@code examples/<example>/*.camel.yaml}). */
    public RoutesCopy with(Path example) {
        try {
            for (Path route : camelYaml(example)) {
                replace(route.getFileName().toString(), Files.readString(route));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file} whole at once (written beside it, then moved over it): a file watcher never sees it empty
     * or half written, as it may while an editor or {@code Files.writeString} truncates and writes.
     */
    public void replace(String file, String content) {
        try {
            Path next = Files.createTempFile(directory, ".next-", ".tmp");
            Files.writeString(next, content);
            Files.move(next, directory.resolve(file), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String file) {
        try {
            return Files.readString(directory.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public String includePattern() {
        return "file:" + directory + "/*.camel.yaml";
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
