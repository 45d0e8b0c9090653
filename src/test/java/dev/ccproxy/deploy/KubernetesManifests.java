package dev.ccproxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every manifest of {@code deploy/kubernetes}, by kind, with the Deployment's one container and its named ports. */
final class KubernetesManifests {

    private final Map<Path, List<JsonNode>> files;

    private KubernetesManifests(Map<Path, List<JsonNode>> files) {
        this.files = files;
    }

    static KubernetesManifests read(Path directory) throws IOException {
        Map<Path, List<JsonNode>> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                files.put(file, YamlFiles.documents(file));
            }
        }
        return new KubernetesManifests(files);
    }

    /** File names, each with the kinds of its documents. */
    Map<String, List<String>> kindsByFile() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        files.forEach((file, documents) -> kinds.put(file.getFileName().toString(),
                documents.stream().map(document -> document.path("kind").asText()).toList()));
        return kinds;
    }

    /** The one document of this kind; fails when there are none or several. */
    JsonNode one(String kind) {
        List<JsonNode> found = new ArrayList<>();
        files.values().forEach(documents -> documents.stream()
                .filter(document -> document.path("kind").asText().equals(kind)).forEach(found::add));
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " in deploy/kubernetes, found " + found.size());
        }
        return found.getFirst();
    }

    JsonNode podSpec() {
        return one("Deployment").at("/spec/template/spec");
    }

    JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        if (containers.size() != 1) {
            throw new AssertionError("the Deployment should run one container, runs " + containers.size());
        }
        return containers.get(0);
    }

    /** The container's ports by name ({@code http} → 8082, …). */
    Map<String, Integer> namedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container().path("ports").forEach(port -> ports.put(port.path("name").asText(),
                port.path("containerPort").asInt()));
        return ports;
    }

    /** A probe's or Service's port: a container port's name, or a number. */
    int resolvePort(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        Integer number = namedPorts().get(port.asText());
        if (number == null) {
            throw new AssertionError("port '" + port.asText() + "' names no container port of the Deployment; it has "
                    + namedPorts());
        }
        return number;
    }

    /** The environment the container gets from its ConfigMap(s) and its own {@code env} values (not the Secret's). */
    Map<String, String> plainEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        container().path("envFrom").forEach(source -> {
            if (source.has("configMapRef")) {
                String name = source.at("/configMapRef/name").asText();
                JsonNode configMap = one("ConfigMap");
                if (!configMap.at("/metadata/name").asText().equals(name)) {
                    throw new AssertionError("envFrom names ConfigMap " + name + ", which deploy/kubernetes lacks");
                }
                configMap.path("data").properties().forEach(entry -> environment.put(entry.getKey(),
                        entry.getValue().asText()));
            }
        });
        container().path("env").forEach(variable -> {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        return environment;
    }

    /** The names of the variables the container takes from a Secret. */
    List<String> secretVariables() {
        List<String> names = new ArrayList<>();
        container().path("env").forEach(variable -> {
            if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                names.add(variable.path("name").asText());
            }
        });
        return names;
    }

    /** Seconds the preStop hook holds the container before SIGTERM ({@code sleep N}, either form), 0 without one. */
    long preStopSeconds() {
        JsonNode preStop = container().at("/lifecycle/preStop");
        if (preStop.isMissingNode()) {
            return 0;
        }
        if (preStop.has("sleep")) {
            return preStop.at("/sleep/seconds").asLong();
        }
        JsonNode command = preStop.at("/exec/command");
        if (command.size() == 2 && command.get(0).asText().equals("sleep")) {
            return Long.parseLong(command.get(1).asText());
        }
        throw new AssertionError("a preStop hook the check cannot time: " + preStop);
    }
}
