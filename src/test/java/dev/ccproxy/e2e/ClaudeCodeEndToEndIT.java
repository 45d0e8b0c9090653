package dev.ccproxy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.testsupport.AnthropicStreamInvariants;
import dev.ccproxy.testsupport.Chunks;
import dev.ccproxy.testsupport.OpenApiSpec;
import dev.ccproxy.testsupport.RecordingRelay;
import dev.ccproxy.testsupport.ResponsesSse;
import dev.ccproxy.testsupport.ScriptedRouteTestSupport;
import dev.ccproxy.testsupport.ScriptedUpstream;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claude Code itself (the pinned npm release, installed by {@code scripts/install-claude-code.sh}) running headless
 * ({@code claude -p … --output-format stream-json --verbose}) through the proxy to a scripted OpenAI-compatible
 * upstream. Every stream the proxy wrote to Claude Code is recorded on the way and checked against Anthropic's rules.
 * Claude Code's only way out is the proxy: its HTTP(S) proxy variables point at a closed port, so any attempt to
 * reach another host fails instead of leaving the machine. The proxy has two providers: haiku goes to a second
 * scripted upstream with its own key and model, everything else to the first.
 */
class ClaudeCodeEndToEndIT extends ScriptedRouteTestSupport {

    private static final String MARKER = "e2e-marker-7f3a";
    private static final String GREETING = "Hello from the scripted upstream.";
    private static final String SEARCH_QUERY = "e2e search marker 5c1d";
    private static final List<String> SEARCH_URLS = List.of("https://results.e2e.test/first-result",
            "https://results.e2e.test/second-result");
    private static final String SEARCH_ANSWER = "The search found two pages.";
    private static final String SMALL_PROVIDER_KEY = "second-provider-key-e2e";
    private static final String SMALL_MODEL = "llama3.1:8b";
    private static final String SMALL_ANSWER = "Hello from the second provider.";
    private static final String CRON_ANSWER = "The cron jobs are listed.";
    private static final String THOUGHT = "The user wants a considered greeting; keep it short.";
    private static final String THOUGHTFUL_ANSWER = "Hello, after some thought.";

    private static final String OVERFLOW = "{\"error\":{\"message\":\"This model's maximum context length is "
            + "128000 tokens. However, your messages resulted in 130001 tokens. Please reduce the length of the "
            + "messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
            + "\"code\":\"context_length_exceeded\"}}";
    /** How many more requests with the overflow marker the upstream refuses as over its window. */
    private final AtomicInteger overflowsLeft = new AtomicInteger();

    private static final String NATIVE_KEY = "native-provider-key-e2e";
    private static final String NATIVE_MODEL = "qwen3:8b";
    private static final String NATIVE_ANSWER = "Hello from a native server.";

    /** A provider that speaks Anthropic's Messages API itself, for the model claude-native-e2e. */
    private final ScriptedUpstream nativeProvider;

    /** The second provider, which serves haiku (Claude Code's --model haiku) and nothing else. */
    private final ScriptedUpstream second;

    private Path claude;
    private RecordingRelay relay;

    ClaudeCodeEndToEndIT() throws IOException {
        second = new ScriptedUpstream(request -> ScriptedUpstream.sse(Duration.ofMillis(20),
                Chunks.answer("Hello from ", "the second provider.")));
        nativeProvider = new ScriptedUpstream(request -> new ScriptedUpstream.Sse(List.of(
                anthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_native_e2e\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + NATIVE_MODEL + "\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":900,\"output_tokens\":0}}}"),
                anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello from \"}}"),
                anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"a native server.\"}}"),
                anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":8}}"),
                anthropicEvent("message_stop", "{\"type\":\"message_stop\"}"))));
    }

    /** haiku goes to a second provider, with its own URL, key and model; everything else to the first. */
    @Override
    protected Map<String, String> scriptedSettings() {
        return Map.ofEntries(Map.entry("proxy.providers.local.base-url", second.baseUrl()),
                Map.entry("proxy.providers.local.api-key", SMALL_PROVIDER_KEY),
                Map.entry("proxy.models.small-provider", "local"),
                Map.entry("proxy.models.small", SMALL_MODEL),
                Map.entry("proxy.providers.native.base-url", nativeProvider.baseUrl()),
                Map.entry("proxy.providers.native.api-key", NATIVE_KEY),
                Map.entry("proxy.providers.native.api", "anthropic"),
                Map.entry("proxy.models.map[0].match", "claude-native-e2e"),
                Map.entry("proxy.models.map[0].provider", "native"),
                Map.entry("proxy.models.map[0].model", NATIVE_MODEL));
    }

    @BeforeAll
    void installClaudeCodeAndRelay() throws Exception {
        Process install = new ProcessBuilder("bash", "scripts/install-claude-code.sh")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(install.getInputStream().readAllBytes()).trim();
        assertThat(install.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as("scripts/install-claude-code.sh").isZero();
        claude = Path.of(output.substring(output.lastIndexOf('\n') + 1));
        assertThat(claude).isExecutable();
        relay = new RecordingRelay(proxyPort);
    }

    @AfterAll
    void closeRelayAndSecondProvider() throws IOException {
        relay.close();
        second.close();
        nativeProvider.close();
    }

    /**
     * The upstream's script. Chat Completions: a Bash call when asked to run the marker command, a WebSearch call
     * when asked to search, an answer built from the tool's result after either, else a greeting. Responses API
     * (the WebSearch tool's own request): a recorded web search whose sources are {@link #SEARCH_URLS}.
     */
    @Override
    protected ScriptedUpstream.Reply reply(ScriptedUpstream.Request request) {
        JsonNode body;
        try {
            body = ProxyJson.mapper().readTree(request.body());
        } catch (IOException e) {
            return ScriptedUpstream.json(400, "{\"error\":{\"message\":\"not JSON\"}}");
        }
        if (request.path().endsWith("/responses")) {
            return webSearch();
        }
        String toolOutput = null;
        String toolCallId = null;
        String lastUser = "";
        // Claude Code may add a user message (a reminder) after a tool result: the prompt is in an earlier one
        StringBuilder everyUser = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                toolOutput = message.path("content").asText();
                toolCallId = message.path("tool_call_id").asText();
            } else if (message.path("role").asText().equals("user")) {
                lastUser = message.path("content").toString();
                everyUser.append(lastUser);
            }
        }
        if (everyUser.indexOf("overflow marker") >= 0 && overflowsLeft.getAndDecrement() > 0) {
            return ScriptedUpstream.json(400, OVERFLOW);
        }
        if (everyUser.indexOf("cron jobs") >= 0) {
            return toolSearchSession(body, toolCallId);
        }
        if (everyUser.indexOf("think it over") >= 0) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), List.of(
                    Chunks.role(),
                    Chunks.reasoning("The user wants a considered greeting; "),
                    Chunks.reasoning("keep it short."),
                    Chunks.text("Hello, after "),
                    Chunks.text("some thought."),
                    Chunks.finish("stop"),
                    Chunks.usage(900, 30),
                    "[DONE]"));
        }
        if ("call_e2e_search".equals(toolCallId)) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), Chunks.answer(SEARCH_ANSWER));
        }
        if (toolOutput != null) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), Chunks.answer("The command printed ",
                    toolOutput.trim(), "."));
        }
        if (lastUser.contains("marker command")) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), List.of(
                    Chunks.role(),
                    Chunks.text("Running it now."),
                    Chunks.toolCall(0, "call_e2e_bash", "Bash", ""),
                    Chunks.toolCall(0, null, null, "{\"command\": \"echo " + MARKER + "\", "),
                    Chunks.toolCall(0, null, null, "\"description\": \"Print the marker\"}"),
                    Chunks.finish("tool_calls"),
                    Chunks.usage(900, 40),
                    "[DONE]"));
        }
        if (lastUser.contains("search the web")) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), List.of(
                    Chunks.role(),
                    Chunks.toolCall(0, "call_e2e_search", "WebSearch", "{\"query\": \"" + SEARCH_QUERY + "\"}"),
                    Chunks.finish("tool_calls"),
                    Chunks.usage(900, 20),
                    "[DONE]"));
        }
        return ScriptedUpstream.sse(Duration.ofMillis(20), Chunks.answer("Hello from ", "the scripted upstream."));
    }

    /**
     * Tool search, as the model would use it: CronList is deferred, so the model first asks ToolSearch to load it;
     * once Claude Code has answered with a tool_reference, the proxy declares CronList upstream and the model calls it.
     * Should CronList not be declared by then, the model says so and the test fails on its answer.
     */
    private static ScriptedUpstream.Reply toolSearchSession(JsonNode body, String toolCallId) {
        if (toolCallId == null) {
            return ScriptedUpstream.sse(Duration.ofMillis(20), List.of(
                    Chunks.role(),
                    Chunks.toolCall(0, "call_e2e_toolsearch", "ToolSearch",
                            "{\"query\": \"select:CronList\", \"max_results\": 5}"),
                    Chunks.finish("tool_calls"),
                    Chunks.usage(900, 20),
                    "[DONE]"));
        }
        if (toolCallId.equals("call_e2e_toolsearch")) {
            if (!toolNames(body).contains("CronList")) {
                return ScriptedUpstream.sse(Duration.ofMillis(20), Chunks.answer("CronList was not loaded."));
            }
            return ScriptedUpstream.sse(Duration.ofMillis(20), List.of(
                    Chunks.role(),
                    Chunks.toolCall(0, "call_e2e_cronlist", "CronList", "{}"),
                    Chunks.finish("tool_calls"),
                    Chunks.usage(950, 10),
                    "[DONE]"));
        }
        return ScriptedUpstream.sse(Duration.ofMillis(20), Chunks.answer(CRON_ANSWER));
    }

    /** The {@code tool} messages of a Chat Completions request: the tool results Claude Code sent. */
    private static List<JsonNode> toolMessages(JsonNode body) {
        List<JsonNode> messages = new ArrayList<>();
        body.path("messages").forEach(message -> {
            if (message.path("role").asText().equals("tool")) {
                messages.add(message);
            }
        });
        return messages;
    }

    private static List<String> toolNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    /** The recorded Responses API web search, its two sources (and citations) moved to this test's URLs. */
    private static ScriptedUpstream.Sse webSearch() {
        List<String> events = ResponsesSse.goldenEvents("web-search-with-sources").stream()
                .map(event -> event.replace("https://nodejs.org/en/about/previous-releases", SEARCH_URLS.get(0))
                        .replace("https://github.com/nodejs/release", SEARCH_URLS.get(1)))
                .toList();
        return ResponsesSse.steps(Duration.ofMillis(20), events);
    }

    @Test
    void answers_a_plain_prompt(@TempDir Path home, @TempDir Path project) throws Exception {
        int before = scripted.requests().size();

        List<JsonNode> output = runClaude(home, project, "Say hello");

        assertSucceededWith(output, GREETING);
        assertThat(scripted.requests().size() - before).as("upstream calls").isEqualTo(1);
        assertEveryStreamValid();
    }

    @Test
    void runs_a_bash_tool_round_trip(@TempDir Path home, @TempDir Path project) throws Exception {
        int before = scripted.requests().size();

        List<JsonNode> output = runClaude(home, project, "Please run the marker command.");

        assertSucceededWith(output, "The command printed " + MARKER + ".");
        // Claude Code ran the command and sent its output back as a tool_result, which reached the upstream
        List<ScriptedUpstream.Request> calls = scripted.requests().subList(before, scripted.requests().size());
        assertThat(calls).hasSize(2);
        JsonNode second = ProxyJson.mapper().readTree(calls.get(1).body());
        List<JsonNode> toolMessages = toolMessages(second);
        assertThat(toolMessages).hasSize(1);
        assertThat(toolMessages.get(0).path("tool_call_id").asText()).isEqualTo("call_e2e_bash");
        assertThat(toolMessages.get(0).path("content").asText()).contains(MARKER);
        assertThat(output).anySatisfy(line -> assertThat(line.toString()).contains("tool_result").contains(MARKER));
        assertEveryStreamValid();
    }

    @Test
    void searches_the_web_through_the_responses_api(@TempDir Path home, @TempDir Path project) throws Exception {
        int before = scripted.requests().size();

        // without tool search, WebSearch is declared up front and the model can call it at once
        List<JsonNode> output = runClaude(home, project, "Please search the web for the e2e marker.",
                Map.of("ENABLE_TOOL_SEARCH", "false"));

        assertSucceededWith(output, SEARCH_ANSWER);
        List<ScriptedUpstream.Request> calls = scripted.requests().subList(before, scripted.requests().size());
        assertThat(calls).extracting(ScriptedUpstream.Request::path)
                .containsExactly("/v1/chat/completions", "/v1/responses", "/v1/chat/completions");
        // with tool search off, all 21 tools are declared up front, none deferred
        assertThat(toolNames(ProxyJson.mapper().readTree(calls.get(0).body())))
                .hasSize(21).contains("WebSearch", "CronList").doesNotContain("DeferredToolPlaceholder");
        // the WebSearch tool's own request went to the Responses API with OpenAI's web_search tool
        JsonNode search = ProxyJson.mapper().readTree(calls.get(1).body());
        assertThat(search.path("tools").get(0).path("type").asText()).isEqualTo("web_search");
        assertThat(search.path("include").get(0).asText()).isEqualTo("web_search_call.action.sources");
        assertThat(search.path("input").toString()).contains(SEARCH_QUERY);
        // Claude Code read the search results and gave the model a tool_result listing the stub's URLs
        JsonNode last = ProxyJson.mapper().readTree(calls.get(2).body());
        List<JsonNode> toolMessages = toolMessages(last);
        assertThat(toolMessages).hasSize(1);
        assertThat(toolMessages.get(0).path("tool_call_id").asText()).isEqualTo("call_e2e_search");
        assertThat(toolMessages.get(0).path("content").asText()).contains(SEARCH_QUERY).contains(SEARCH_URLS);
        // and the stream the proxy made of the search carried the server tool blocks Claude Code read them from
        assertThat(relay.responses()).anySatisfy(response -> assertThat(response.body())
                .contains("\"type\":\"server_tool_use\"").contains("\"type\":\"web_search_tool_result\"")
                .contains(SEARCH_URLS.get(0)));
        assertEveryStreamValid();
    }

    @Test
    void loads_a_deferred_tool_through_tool_search(@TempDir Path home, @TempDir Path project) throws Exception {
        int before = scripted.requests().size();

        // tool search is on by default: CronList is deferred until ToolSearch loads it
        List<JsonNode> output = runClaude(home, project, "Which cron jobs are scheduled?");

        assertSucceededWith(output, CRON_ANSWER);
        List<ScriptedUpstream.Request> calls = scripted.requests().subList(before, scripted.requests().size());
        assertThat(calls).hasSize(3);
        List<String> firstTools = toolNames(ProxyJson.mapper().readTree(calls.get(0).body()));
        assertThat(firstTools).contains("ToolSearch", "Bash")
                .doesNotContain("CronList", "DeferredToolPlaceholder");
        JsonNode second = ProxyJson.mapper().readTree(calls.get(1).body());
        assertThat(toolNames(second)).contains("CronList").doesNotContain("DeferredToolPlaceholder");
        // Claude Code's tool_reference reached the model as text in the ToolSearch result
        assertThat(second.path("messages").toString()).contains("Tool loaded: CronList");
        // and CronList really ran in Claude Code: its own output came back for the model's call
        JsonNode third = ProxyJson.mapper().readTree(calls.get(2).body());
        List<JsonNode> cronResults = toolMessages(third).stream()
                .filter(message -> message.path("tool_call_id").asText().equals("call_e2e_cronlist")).toList();
        assertThat(cronResults).hasSize(1);
        assertThat(cronResults.get(0).path("content").asText()).as("CronList's own output")
                .isEqualTo("No scheduled jobs.");
        assertEveryStreamValid();
    }

    private static ScriptedUpstream.Step anthropicEvent(String name, String json) {
        return new ScriptedUpstream.Step(Duration.ofMillis(20), "event: " + name + "\ndata: " + json + "\n\n");
    }

    /** A model on a provider that speaks Anthropic's Messages API: the request and the stream go through as they are. */
    @Test
    void runs_on_a_provider_that_speaks_anthropic_itself(@TempDir Path home, @TempDir Path project) throws Exception {
        int before = nativeProvider.requests().size();

        List<JsonNode> output = runClaude(home, project, "Say hello", Map.of(), "--model", "claude-native-e2e");

        assertSucceededWith(output, NATIVE_ANSWER);
        List<ScriptedUpstream.Request> calls = nativeProvider.requests().subList(before,
                nativeProvider.requests().size());
        assertThat(calls).isNotEmpty().allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/messages");
            assertThat(call.header("x-api-key")).isEqualTo(NATIVE_KEY);
            assertThat(call.header("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(call.header("authorization")).isNull();
        });
        JsonNode body = ProxyJson.mapper().readTree(calls.get(calls.size() - 1).body());
        assertThat(body.path("model").asText()).isEqualTo(NATIVE_MODEL);
        assertThat(body.path("tools").size()).as("Claude Code's tools go as they are").isGreaterThan(5);
        assertThat(output).anySatisfy(line -> assertThat(line.path("message").path("model").asText())
                .isEqualTo("claude-native-e2e"));
        assertEveryStreamValid();
    }

    @Test
    void sends_haiku_to_the_second_provider(@TempDir Path home, @TempDir Path project) throws Exception {
        int beforeFirst = scripted.requests().size();
        int beforeSecond = second.requests().size();

        List<JsonNode> output = runClaude(home, project, "Say hello", Map.of(), "--model", "haiku");

        assertSucceededWith(output, SMALL_ANSWER);
        assertThat(scripted.requests().size()).as("calls to the first provider").isEqualTo(beforeFirst);
        List<ScriptedUpstream.Request> calls = second.requests().subList(beforeSecond, second.requests().size());
        assertThat(calls).hasSize(1);
        ScriptedUpstream.Request call = calls.get(0);
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + SMALL_PROVIDER_KEY);
        assertThat(call.header("x-api-key")).as("the client's key stays with the proxy").isNull();
        JsonNode body = ProxyJson.mapper().readTree(call.body());
        assertThat(body.path("model").asText()).isEqualTo(SMALL_MODEL);
        if (OpenApiSpec.available()) {
            OpenApiSpec.assertValid(OpenApiSpec.CHAT_REQUEST, call.body());
        }
        // Claude Code still sees the Claude name it asked for
        assertThat(output).anySatisfy(line -> assertThat(line.path("message").path("model").asText())
                .startsWith("claude-haiku"));
        assertEveryStreamValid();
    }

    @Test
    void shows_the_upstreams_reasoning_as_thinking(@TempDir Path home, @TempDir Path project) throws Exception {
        List<JsonNode> output = runClaude(home, project, "Please think it over, then say hello.");

        assertSucceededWith(output, THOUGHTFUL_ANSWER);
        // Claude Code's own transcript holds a thinking block with the upstream's reasoning_content
        assertThat(output).anySatisfy(line -> {
            assertThat(line.path("type").asText()).isEqualTo("assistant");
            JsonNode block = line.path("message").path("content").get(0);
            assertThat(block.path("type").asText()).isEqualTo("thinking");
            assertThat(block.path("thinking").asText()).isEqualTo(THOUGHT);
        });
        assertEveryStreamValid();
    }

    /**
     * Claude Code reads the proxy's "prompt is too long: N tokens > M maximum" as Anthropic's: on a first prompt it
     * says so in its own words with both figures (there is nothing to compact yet).
     */
    @Test
    void a_first_prompt_over_the_window_is_reported_with_its_figures(@TempDir Path home, @TempDir Path project)
            throws Exception {
        overflowsLeft.set(1);

        List<JsonNode> output = runClaude(home, project, "Say hello (overflow marker)");

        JsonNode result = output.stream().filter(line -> line.path("type").asText().equals("result"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(result.path("is_error").asBoolean()).isTrue();
        assertThat(result.path("terminal_reason").asText()).isEqualTo("prompt_too_long");
        assertThat(result.path("result").asText()).contains("~130001 tokens (limit 128000)");
    }

    /**
     * With a conversation behind it, Claude Code compacts on the proxy's "prompt is too long" (its own summary
     * request goes through the proxy like any other) and then answers the prompt: the session goes on.
     */
    @Test
    void a_conversation_over_the_window_is_compacted_and_goes_on(@TempDir Path home, @TempDir Path project)
            throws Exception {
        assertSucceededWith(runClaude(home, project, "Say hello"), GREETING);
        overflowsLeft.set(1);
        int before = scripted.requests().size();

        List<JsonNode> output = runClaude(home, project, "Say hello again (overflow marker)", Map.of(),
                "--continue");

        assertThat(relay.responses()).anySatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("prompt is too long: 130001 tokens > 128000 maximum");
        });
        assertThat(output).anySatisfy(line -> {
            assertThat(line.path("subtype").asText()).isEqualTo("compact_boundary");
            assertThat(line.path("compact_metadata").path("trigger").asText()).isEqualTo("auto");
        });
        assertSucceededWith(output, GREETING);
        List<ScriptedUpstream.Request> calls = scripted.requests().subList(before, scripted.requests().size());
        assertThat(calls).as("the refused prompt, the summary, the prompt again").hasSizeGreaterThanOrEqualTo(3);
        assertThat(calls.subList(1, calls.size() - 1)).allSatisfy(call ->
                assertThat(call.body()).contains("Respond with TEXT ONLY"));
        assertEveryStreamValid();
    }

    private List<JsonNode> runClaude(Path home, Path project, String prompt) throws Exception {
        return runClaude(home, project, prompt, Map.of());
    }

    private List<JsonNode> runClaude(Path home, Path project, String prompt, Map<String, String> extraEnv,
            String... extraArgs) throws Exception {
        int closedPort = AvailablePortFinder.getNextAvailable();
        List<String> command = new ArrayList<>(List.of(claude.toString(), "-p", prompt, "--output-format",
                "stream-json", "--verbose", "--max-turns", "6", "--dangerously-skip-permissions"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> !key.equals("PATH"));
        env.put("HOME", home.toString());
        env.put("TERM", "dumb");
        env.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:" + relay.port());
        env.put("ANTHROPIC_API_KEY", "dummy-key-123");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("DISABLE_BUG_COMMAND", "1");
        env.put("IS_SANDBOX", "1");
        env.put("HTTPS_PROXY", "http://127.0.0.1:" + closedPort);
        env.put("HTTP_PROXY", "http://127.0.0.1:" + closedPort);
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.putAll(extraEnv);
        Path stderr = Files.createTempFile("claude-", ".stderr");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes());
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("claude finished; stderr:%n%s", Files.readString(stderr)).isTrue();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(ProxyJson.mapper().readTree(line));
            }
        }
        assertThat(lines).as("claude's stream-json output; stderr:%n%s%nstdout:%n%s", Files.readString(stderr), stdout)
                .anySatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("result"));
        return lines;
    }

    /** Claude Code's final {@code result} line: a success whose text is {@code expected}. */
    private static void assertSucceededWith(List<JsonNode> output, String expected) {
        JsonNode result = output.stream().filter(line -> line.path("type").asText().equals("result"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(result.path("subtype").asText()).isEqualTo("success");
        assertThat(result.path("is_error").asBoolean()).isFalse();
        assertThat(result.path("result").asText()).isEqualTo(expected);
    }

    private void assertEveryStreamValid() throws IOException {
        List<RecordingRelay.Response> streams = relay.responses().stream()
                .filter(RecordingRelay.Response::eventStream).toList();
        assertThat(streams).isNotEmpty();
        for (RecordingRelay.Response stream : streams) {
            assertThat(stream.status()).isEqualTo(200);
            AnthropicStreamInvariants.assertValid(AnthropicStreamInvariants.parse(stream.body()));
        }
    }
}
