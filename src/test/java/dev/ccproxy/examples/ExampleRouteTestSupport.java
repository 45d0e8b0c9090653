package dev.ccproxy.examples;

import dev.ccproxy.testsupport.Hello;
import dev.ccproxy.testsupport.RoutesCopy;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The proxy on its own routes with one example of the README's applied: {@code examples/<example>/*.camel.yaml}
 * replace the files of the same names in a copy of {@code routes/}, which the proxy loads instead of {@code routes/}.
 * The upstream is scripted ({@link Hello#answer}); every request it gets is checked against OpenAI's spec.
 */
abstract class ExampleRouteTestSupport extends ScriptedRouteTestSupport {

    private RoutesCopy routes;

    /** The example's folder under {@code examples/}. */
    protected abstract String example();

    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        return Hello.answer(request);
    }

    /** Settings besides the routes. */
    protected Map<String, String> exampleSettings() {
        return Map.of();
    }

    @Override
    protected final Map<String, String> scriptedSettings() {
        routes = RoutesCopy.of().with(Path.of("examples", example()));
        Map<String, String> settings = new HashMap<>(exampleSettings());
        settings.put("camel.main.routes-include-pattern", routes.includePattern());
        return settings;
    }

    @AfterAll
    void removeRoutesCopy() {
        routes.close();
    }
}
