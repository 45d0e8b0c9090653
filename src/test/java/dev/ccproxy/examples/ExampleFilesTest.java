package dev.ccproxy.examples;

import dev.ccproxy.testsupport.RoutesCopy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each example route file under {@code examples/} is the file of the same name in {@code routes/} with the example's
 * blocks added (between {@code # >>> example} and {@code # <<< example}) and nothing else changed, so that a user can
 * copy it over the real one, and so that a change to the routes that the examples do not follow fails here rather than
 * in a user's hands. The README shows every block as it is in the file (flush left).
 */
class ExampleFilesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final String BEGIN = "# >>> example";
    private static final String END = "# <<< example";

    @Test
    void each_example_is_its_route_file_plus_its_blocks() throws IOException {
        List<Path> files = exampleRouteFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            String example = Files.readString(file);
            assertThat(blocks(example)).as("example blocks of %s", file).isNotEmpty();
            assertThat(withoutBlocks(example)).as("%s without its example blocks", file)
                    .isEqualTo(Files.readString(Path.of("routes").resolve(file.getFileName())));
        }
    }

    @Test
    void the_readme_shows_each_block_as_it_is() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Path file : exampleRouteFiles()) {
            for (String block : blocks(Files.readString(file))) {
                // flush left in the README, where the prose says where it goes
                String shown = block.substring(0, block.length() - 1).stripIndent() + "\n";
                assertThat(readme).as("README shows this block of %s", file).contains(shown);
            }
        }
    }

    static List<Path> exampleRouteFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var examples = Files.list(EXAMPLES)) {
            for (Path example : examples.filter(Files::isDirectory).sorted().toList()) {
                files.addAll(RoutesCopy.camelYaml(example));
            }
        }
        return files;
    }

    /** The lines between the markers (the markers' own comment lines left out), each block as one text. */
    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith(BEGIN)) {
                assertThat(block).as("a block opened inside another").isNull();
                block = new StringBuilder();
            } else if (trimmed.startsWith(END)) {
                assertThat(block).as("a block closed that was not opened").isNotNull();
                blocks.add(block.toString());
                block = null;
            } else if (block != null && !(block.isEmpty() && trimmed.startsWith("#"))) {
                // comment lines right after the opening marker go on with its explanation, which the README gives
                // in prose
                block.append(line).append('\n');
            }
        }
        assertThat(block).as("a block left open").isNull();
        return blocks;
    }

    private static String withoutBlocks(String text) {
        StringBuilder kept = new StringBuilder();
        boolean inBlock = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.startsWith(BEGIN)) {
                inBlock = true;
            } else if (trimmed.startsWith(END)) {
                inBlock = false;
            } else if (!inBlock) {
                kept.append(lines[i]);
                if (i < lines.length - 1) {
                    kept.append('\n');
                }
            }
        }
        return kept.toString();
    }
}
