package dev.ccproxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ccproxy.testsupport.LaunchedProxy;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment files (the Dockerfile, compose.yaml, deploy/kubernetes) against each other, the build and a running
 * proxy. No Docker engine or cluster runs where the tests run, so the packaged jar is started as the image starts it:
 * the ENTRYPOINT's command line, a working directory laid out as the image's, the image's environment plus the pod's
 * (its ConfigMap, and its Secret's variables with test values). Each port the files name is mapped, by the role its
 * container port's name gives it ({@code http}, {@code management}), to a free port; then every probe, health check
 * and scrape target the files name is asked what the orchestrator would ask.
 */
class DeploymentManifestsIT {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    /**
     * After the drain, {@code GracefulShutdown} gives the requests it had to end 2 s to write their last event before
     * Camel stops (a constant of the code, not a setting).
     */
    private static final long AFTER_CUT_SECONDS = 2;
    /**
     * What the JVM holds beside the heap: 158-183 MiB measured in the soak (metaspace, code, thread stacks, Netty's
     * buffers), with room to spare.
     */
    private static final long OUTSIDE_THE_HEAP_BYTES = 256L << 20;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static Dockerfile dockerfile;
    private static JsonNode compose;
    private static KubernetesManifests kubernetes;
    private static ApplicationProperties properties;
    private static String imageWorkdir;
    /** The port numbers the files name → the ports the proxy started here listens on. */
    private static Map<Integer, Integer> ports;
    private static Path workDir;
    private static Set<Path> workDirBefore;
    private static LaunchedProxy proxy;

    @BeforeAll
    static void startTheJarAsTheImageDoes(@TempDir Path dir) throws Exception {
        dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        compose = YamlFiles.document(Path.of("compose.yaml"));
        kubernetes = KubernetesManifests.read(KUBERNETES);
        properties = ApplicationProperties.read(Path.of("application.properties"));
        imageWorkdir = dockerfile.lastRuntime("WORKDIR");

        // the image's working directory: the routes and settings the Dockerfile copies there
        workDir = dir;
        Files.copy(Path.of("application.properties"), workDir.resolve("application.properties"));
        Files.createDirectories(workDir.resolve("routes"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                Files.copy(route, workDir.resolve("routes").resolve(route.getFileName()));
            }
        }
        workDirBefore = listing(workDir);

        Map<String, Integer> named = kubernetes.namedPorts();
        int proxyPort = AvailablePortFinder.getNextAvailable();
        int managementPort = AvailablePortFinder.getNextAvailable();
        while (managementPort == proxyPort) {
            managementPort = AvailablePortFinder.getNextAvailable();
        }
        ports = Map.of(named.get("http"), proxyPort, named.get("management"), managementPort);

        List<String> command = new ArrayList<>();
        for (String argument : Dockerfile.execForm(dockerfile.lastRuntime("ENTRYPOINT"))) {
            command.add(argument.replace(imageWorkdir + "/", LaunchedProxy.JAR.getParent() + "/"));
        }
        command.set(0, LaunchedProxy.java());

        Map<String, String> env = new LinkedHashMap<>(dockerfile.runtimeEnvironment());
        env.putAll(kubernetes.plainEnvironment());
        kubernetes.secretVariables().forEach(name -> env.put(name, "deployment-manifests-it-" + name));
        env.put("PORT", Integer.toString(proxyPort));
        env.put("PROXY_MANAGEMENT_PORT", Integer.toString(managementPort));
        // nothing leaves this machine: the default upstream is a port where nothing listens
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + AvailablePortFinder.getNextAvailable() + "/v1");
        proxy = LaunchedProxy.start(command, workDir, env);
        proxy.awaitHealthy(proxyPort);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get(proxyPort, "/health/ready").statusCode()).as("readiness").isEqualTo(200));
    }

    @AfterAll
    static void stopTheProxy() throws InterruptedException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_probe_health_check_and_scrape_target_answers_on_the_running_proxy() {
        List<DynamicTest> checks = new ArrayList<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode httpGet = kubernetes.container().path(probe).path("httpGet");
            assertThat(httpGet.isObject()).as("the Deployment's %s is an httpGet", probe).isTrue();
            checks.add(answers200("Deployment " + probe, httpGet.path("path").asText(),
                    kubernetes.resolvePort(httpGet.path("port"))));
        }
        JsonNode annotations = kubernetes.one("Deployment").at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        String metricsPath = annotations.path("prometheus.io/path").asText();
        int metricsPort = Integer.parseInt(annotations.path("prometheus.io/port").asText());
        checks.add(DynamicTest.dynamicTest("Prometheus scrape GET " + metricsPath + " on " + metricsPort, () -> {
            HttpResponse<String> scrape;
            try {
                scrape = get(actual(metricsPort), metricsPath);
            } catch (ConnectException nothingListens) {
                throw new AssertionError("nothing listens on the management port " + metricsPort
                        + " (Camel's management server, camel.management.*)", nothingListens);
            }
            assertThat(scrape.statusCode()).as("GET %s on the management port", metricsPath).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body()).contains("# HELP ", "# TYPE ");
        }));
        checks.add(DynamicTest.dynamicTest("Dockerfile HEALTHCHECK", () -> assertThat(
                run(dockerfile.healthcheckCommand(), actual(healthcheckPort()))).as("exit status").isZero()));
        checks.add(DynamicTest.dynamicTest("compose healthcheck", () -> assertThat(
                run(composeHealthcheck(), actual(healthcheckPort()))).as("exit status").isZero()));
        return checks.stream();
    }

    @Test
    void the_health_check_fails_when_nothing_listens_or_the_proxy_is_not_ready() throws Exception {
        List<String> healthcheck = dockerfile.healthcheckCommand();
        assertThat(run(healthcheck, AvailablePortFinder.getNextAvailable())).as("nothing listening").isNotZero();

        // a draining proxy answers readiness 503 {"status":"DOWN"}
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer draining = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        draining.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        draining.start();
        try {
            assertThat(run(healthcheck, draining.getAddress().getPort())).as("readiness 503").isNotZero();
            assertThat(asked).containsExactly("GET /health/ready");
        } finally {
            draining.stop(0);
        }
    }

    @Test
    void every_port_the_files_name_is_the_proxy_port_or_the_management_port() {
        Map<String, Integer> named = kubernetes.namedPorts();
        assertThat(named).containsOnlyKeys("http", "management");
        assertThat(named.get("http")).as("the container's http port is the proxy's (proxy.server.port)")
                .isEqualTo(Integer.parseInt(properties.find("proxy.server.port").orElseThrow()));
        Set<Integer> numbers = Set.copyOf(named.values());

        assertThat(dockerfile.runtime("EXPOSE").stream().flatMap(expose -> Stream.of(expose.split("\\s+")))
                .map(Integer::parseInt).collect(Collectors.toSet())).as("Dockerfile EXPOSE").isEqualTo(numbers);
        Set<Integer> published = new HashSet<>();
        compose.at("/services/claude-code-proxy/ports").forEach(port -> {
            String mapping = port.asText();
            published.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).replace("/tcp", "")));
        });
        assertThat(published).as("compose ports (the container's side)").isEqualTo(numbers);
        Set<Integer> targets = new HashSet<>();
        kubernetes.one("Service").at("/spec/ports").forEach(port ->
                targets.add(kubernetes.resolvePort(port.path("targetPort"))));
        assertThat(targets).as("the Service's targetPorts").isEqualTo(numbers);
        assertThat(healthcheckPort()).as("the HEALTHCHECK's port when PORT is unset").isEqualTo(named.get("http"));
    }

    @Test
    void the_management_port_is_the_one_camel_serves_metrics_on() {
        assertThat(properties.resolved("camel.management.port"))
                .as("application.properties: camel.management.port (Camel's management server, /observe/metrics)")
                .isEqualTo(Integer.toString(kubernetes.namedPorts().get("management")));
    }

    @Test
    void the_grace_periods_cover_the_drain_and_camels_shutdown() {
        Map<String, String> podEnvironment = kubernetes.plainEnvironment();
        long podShutdown = properties.effectiveLong("proxy.server.drain-seconds", podEnvironment) + AFTER_CUT_SECONDS
                + properties.effectiveLong("camel.main.shutdown-timeout", podEnvironment);
        assertThat(kubernetes.podSpec().path("terminationGracePeriodSeconds").asLong())
                .as("terminationGracePeriodSeconds: the preStop pause, the drain, the cut, Camel's shutdown")
                .isGreaterThanOrEqualTo(kubernetes.preStopSeconds() + podShutdown);

        Map<String, String> composeEnvironment = composeEnvironment();
        long composeShutdown = properties.effectiveLong("proxy.server.drain-seconds", composeEnvironment)
                + AFTER_CUT_SECONDS + properties.effectiveLong("camel.main.shutdown-timeout", composeEnvironment);
        assertThat(composeDuration(compose.at("/services/claude-code-proxy/stop_grace_period").asText()))
                .as("compose stop_grace_period").isGreaterThanOrEqualTo(Duration.ofSeconds(composeShutdown));
    }

    @Test
    void the_image_and_the_pod_run_as_a_user_that_is_not_root_on_a_read_only_root() {
        String user = dockerfile.lastRuntime("USER");
        assertThat(user).as("a numeric USER: Kubernetes can verify runAsNonRoot only for one").matches("\\d+(:\\d+)?");
        long uid = Long.parseLong(user.split(":")[0]);
        assertThat(uid).isNotZero();

        JsonNode pod = kubernetes.podSpec().path("securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        if (pod.has("runAsUser")) {
            assertThat(pod.path("runAsUser").asLong()).as("the pod's runAsUser is the image's USER").isEqualTo(uid);
        }
        JsonNode container = kubernetes.container().path("securityContext");
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/capabilities/drop").toString()).contains("\"ALL\"");
        if (container.path("readOnlyRootFilesystem").asBoolean()) {
            // the JVM's temporary files (Vert.x's file cache above all: the proxy does not start without it)
            String tmpVolume = null;
            for (JsonNode mount : kubernetes.container().path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertThat(tmpVolume).as("a writable volume at /tmp").isNotNull();
            String name = tmpVolume;
            assertThat(kubernetes.podSpec().path("volumes")).anySatisfy(volume -> {
                assertThat(volume.path("name").asText()).isEqualTo(name);
                assertThat(volume.has("emptyDir")).isTrue();
            });
        }
        JsonNode service = compose.at("/services/claude-code-proxy");
        if (service.path("read_only").asBoolean()) {
            assertThat(service.path("tmpfs").toString()).as("compose: a tmpfs at /tmp").contains("\"/tmp");
        }
    }

    @Test
    void the_image_starts_the_jvm_as_the_pom_does_with_a_cache_its_own_runtime_trained() throws Exception {
        PomJavaCommands pom = PomJavaCommands.read(Path.of("pom.xml"));
        assertThat(Dockerfile.execForm(dockerfile.lastRuntime("ENTRYPOINT"))).isEqualTo(pom.run(imageWorkdir));
        List<List<String>> javaRuns = dockerfile.runtime("RUN").stream().filter(run -> run.startsWith("["))
                .map(Dockerfile::execForm).filter(run -> run.getFirst().equals("java")).toList();
        assertThat(javaRuns).as("the runtime stage trains the cache as the pom does").containsExactly(
                pom.aotTraining(imageWorkdir));

        // one Temurin release in both stages, the JDK to build and the JRE to run
        List<String> images = dockerfile.baseImages();
        assertThat(images).hasSize(2);
        assertThat(images.getFirst()).startsWith("eclipse-temurin:").contains("-jdk");
        assertThat(images.getLast()).isEqualTo(images.getFirst().replace("-jdk", "-jre"));
    }

    @Test
    void the_image_lays_out_the_working_directory_the_proxy_reads_and_listens_on_every_interface() throws Exception {
        List<String> copied = dockerfile.runtime("COPY").stream().map(copy -> copy.substring(copy.lastIndexOf(' ') + 1))
                .toList();
        assertThat(copied).contains(imageWorkdir + "/routes/", imageWorkdir + "/application.properties",
                imageWorkdir + "/claude-code-proxy.jar", imageWorkdir + "/lib/");
        assertThat(dockerfile.runtimeEnvironment()).containsEntry("HOST", "0.0.0.0");
        assertThat(proxy.output()).contains("HttpServer started on 0.0.0.0:" + actual(kubernetes.namedPorts()
                .get("http")));
        // the proxy writes nothing where it runs: the image's files can stay root's and the root filesystem read-only
        assertThat(get(actual(kubernetes.namedPorts().get("http")), "/health").statusCode()).isEqualTo(200);
        assertThat(listing(workDir)).isEqualTo(workDirBefore);
    }

    @Test
    void the_memory_limit_leaves_room_beside_the_heap() {
        long heap = Dockerfile.execForm(dockerfile.lastRuntime("ENTRYPOINT")).stream()
                .filter(argument -> argument.startsWith("-Xmx")).map(argument -> bytes(argument.substring(4)))
                .findFirst().orElseThrow(() -> new AssertionError("the ENTRYPOINT sets no -Xmx"));
        JsonNode resources = kubernetes.container().path("resources");
        assertThat(bytes(resources.at("/limits/memory").asText())).as("memory limit")
                .isGreaterThanOrEqualTo(heap + OUTSIDE_THE_HEAP_BYTES);
        assertThat(bytes(resources.at("/requests/memory").asText())).as("memory request").isPositive();
        assertThat(resources.at("/requests/cpu").asText()).as("the autoscaler's utilisation is of the request")
                .isNotEmpty();
    }

    @Test
    void the_service_budget_and_autoscaler_select_the_deployment_and_kustomize_applies_them_all() throws Exception {
        JsonNode deployment = kubernetes.one("Deployment");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(labels(podLabels)).containsAllEntriesOf(labels(deployment.at("/spec/selector/matchLabels")))
                .containsAllEntriesOf(labels(kubernetes.one("Service").at("/spec/selector")))
                .containsAllEntriesOf(labels(kubernetes.one("PodDisruptionBudget").at("/spec/selector/matchLabels")));
        assertThat(kubernetes.one("Service").at("/spec/sessionAffinity").asText("None")).isEqualTo("None");
        JsonNode budget = kubernetes.one("PodDisruptionBudget").path("spec");
        assertThat(budget.has("minAvailable") || budget.has("maxUnavailable")).isTrue();

        JsonNode autoscaler = kubernetes.one("HorizontalPodAutoscaler");
        assertThat(autoscaler.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText())
                .isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(autoscaler.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(deployment.at("/spec/replicas").isMissingNode()).as("replicas are the autoscaler's").isTrue();

        // the Secret the pod reads has the keys it reads (the example shows them; the real one is not in the files)
        JsonNode example = YamlFiles.document(KUBERNETES.resolve("secret.example.yaml"));
        kubernetes.container().path("env").forEach(variable -> {
            JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            if (ref.isObject()) {
                assertThat(ref.path("name").asText()).isEqualTo(example.at("/metadata/name").asText());
                assertThat(example.at("/stringData").has(ref.path("key").asText())).isTrue();
            }
        });

        // kustomization.yaml lists every manifest but itself and the example Secret (never applied over the real one)
        List<String> resources = new ArrayList<>();
        YamlFiles.document(KUBERNETES.resolve("kustomization.yaml")).path("resources")
                .forEach(resource -> resources.add(resource.asText()));
        Map<String, List<String>> expected = new LinkedHashMap<>(kubernetes.kindsByFile());
        expected.remove("kustomization.yaml");
        expected.remove("secret.example.yaml");
        assertThat(resources).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    /** GET {@code path} on {@code port} of the proxy started here answers 200. */
    private static DynamicTest answers200(String source, String path, int port) {
        return DynamicTest.dynamicTest(source + " GET " + path + " on " + port, () ->
                assertThat(get(actual(port), path).statusCode()).as("%s GET %s", source, path).isEqualTo(200));
    }

    /** The port the proxy started here uses for a port number the files name. */
    private static int actual(int named) {
        Integer port = ports.get(named);
        assertThat(port).as("%d is neither the Deployment's http nor its management port (%s)", named,
                kubernetes.namedPorts()).isNotNull();
        return port;
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The health check's command as the container runs it, with {@code PORT} set as the image's user sets it. */
    private static int run(List<String> command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> !key.equals("PATH"));
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("the check ended; output: %s", output).isTrue();
        return process.exitValue();
    }

    /** The HEALTHCHECK's port when {@code PORT} is unset ({@code ${PORT:-8082}}). */
    private static int healthcheckPort() {
        Matcher port = Pattern.compile("\\$\\{PORT:-(\\d+)}").matcher(String.join(" ", dockerfile.healthcheckCommand()));
        assertThat(port.find()).as("the HEALTHCHECK follows PORT, with a default").isTrue();
        return Integer.parseInt(port.group(1));
    }

    /** compose's healthcheck test as the container runs it: after {@code CMD}, each {@code $$} a {@code $}. */
    private static List<String> composeHealthcheck() {
        List<String> test = new ArrayList<>();
        compose.at("/services/claude-code-proxy/healthcheck/test").forEach(part -> test.add(part.asText()));
        assertThat(test.getFirst()).isEqualTo("CMD");
        return test.subList(1, test.size()).stream().map(part -> part.replace("$$", "$")).toList();
    }

    private static Map<String, String> composeEnvironment() {
        Map<String, String> environment = new HashMap<>();
        JsonNode declared = compose.at("/services/claude-code-proxy/environment");
        declared.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        declared.forEach(entry -> {
            if (entry.isTextual() && entry.asText().contains("=")) {
                String[] keyAndValue = entry.asText().split("=", 2);
                environment.put(keyAndValue[0], keyAndValue[1]);
            }
        });
        return environment;
    }

    /** compose's durations: {@code 45s}, {@code 1m30s}, {@code 500ms}. */
    private static Duration composeDuration(String text) {
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find()) {
            assertThat(part.start()).as("a duration: %s", text).isEqualTo(end);
            end = part.end();
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        assertThat(end).as("a duration: %s", text).isEqualTo(text.length()).isPositive();
        return total;
    }

    /** Kubernetes quantities and the JVM's sizes: {@code 1536Mi}, {@code 1Gi}, {@code 1g}, {@code 512m}. */
    private static long bytes(String size) {
        Matcher quantity = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|m|g)?").matcher(size);
        assertThat(quantity.matches()).as("a size: %s", size).isTrue();
        long amount = Long.parseLong(quantity.group(1));
        String unit = quantity.group(2) == null ? "" : quantity.group(2);
        return switch (unit) {
            case "Ki", "k" -> amount << 10;
            case "Mi", "m" -> amount << 20;
            case "Gi", "g" -> amount << 30;
            default -> amount;
        };
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    private static Set<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.collect(Collectors.toSet());
        }
    }
}
