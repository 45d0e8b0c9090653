package dev.ccproxy.routes;

import dev.ccproxy.testsupport.ProxyRouteTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML routes in {@code routes/} as Camel runs them: every route, template, templated route, route configuration
 * and step names itself (so logs, errors and metrics say which step), and the running context holds exactly the
 * routes the files declare.
 */
class YamlRoutesTest extends ProxyRouteTestSupport {

    private static final Path ROUTES = Path.of("routes");

    @BeanInject
    CamelContext camelContext;

    @Test
    void runs_exactly_the_routes_the_yaml_files_declare() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (Map<String, Object> entry : entries()) {
            if (entry.get("route") instanceof Map<?, ?> route) {
                declared.add((String) route.get("id"));
            }
            if (entry.get("templatedRoute") instanceof Map<?, ?> templated) {
                declared.add((String) templated.get("routeId"));
            }
        }

        assertThat(declared).hasSizeGreaterThanOrEqualTo(13).doesNotContainNull();
        assertThat(camelContext.getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrderElementsOf(declared);
    }

    /** A development feature (see the README, "Route reload in development"): off unless asked for. */
    @Test
    void route_reload_is_off_unless_asked_for() {
        assertThat(camelContext.hasService(RouteWatcherReloadStrategy.class)).isNull();
    }

    @Test
    void every_route_template_configuration_and_step_has_an_id() throws IOException {
        List<String> missing = new ArrayList<>();
        int steps = collectWithoutId(entries(), missing);

        assertThat(steps).isGreaterThan(40);
        assertThat(missing).isEmpty();
    }

    /** The README's examples of YAML edits (examples/) follow the same rule: users copy them. */
    @Test
    void every_step_of_the_examples_has_an_id_too() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            for (Path example : examples.filter(Files::isDirectory).sorted().toList()) {
                collectWithoutId(entries(example), missing);
            }
        }

        assertThat(missing).isEmpty();
    }

    /** Routes, templates, configurations and steps without an id go to {@code missing}; answers the steps seen. */
    private static int collectWithoutId(List<Map<String, Object>> entries, List<String> missing) {
        int steps = 0;
        for (Map<String, Object> entry : entries) {
            for (Map.Entry<String, Object> top : entry.entrySet()) {
                Map<?, ?> body = (Map<?, ?>) top.getValue();
                String idKey = top.getKey().equals("templatedRoute") ? "routeId" : "id";
                if (body.get(idKey) == null) {
                    missing.add(top.getKey() + " " + body);
                }
                steps += collectStepsWithoutId(body, top.getKey(), missing);
            }
        }
        return steps;
    }

    /** Walks a definition: each item of a {@code steps}, {@code when} or {@code onException} list must carry an id. */
    private static int collectStepsWithoutId(Object node, String where, List<String> missing) {
        int count = 0;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ((key.equals("steps") || key.equals("when") || key.equals("onException"))
                        && e.getValue() instanceof List<?> items) {
                    for (Object item : items) {
                        Object step = key.equals("when") ? item : ((Map<?, ?>) item).values().iterator().next();
                        String kind = key.equals("when") ? "when" : String.valueOf(((Map<?, ?>) item).keySet()
                                .iterator().next());
                        count++;
                        if (!(step instanceof Map<?, ?> definition) || definition.get("id") == null) {
                            missing.add(where + " > " + kind + " " + step);
                        }
                        count += collectStepsWithoutId(step, where + " > " + kind, missing);
                    }
                } else {
                    count += collectStepsWithoutId(e.getValue(), where, missing);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                count += collectStepsWithoutId(item, where, missing);
            }
        }
        return count;
    }

    private static List<Map<String, Object>> entries() throws IOException {
        return entries(ROUTES);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Path folder) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    entries.addAll((List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                            .loadFromReader(reader));
                }
            }
        }
        return entries;
    }
}
