package dev.ccproxy.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way Docker reads it, as far as the checks need: comment lines dropped, lines continued with a
 * trailing backslash joined, one instruction per keyword; the exec form ({@code ["java", …]}) as a JSON array; the
 * global {@code ARG} defaults substituted in {@code FROM}. The runtime stage is the last {@code FROM} and what follows.
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && pending.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String whole = pending.toString().strip();
            pending.setLength(0);
            int space = whole.indexOf(' ');
            instructions.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT),
                    whole.substring(space + 1).strip()));
        }
        return new Dockerfile(instructions);
    }

    /** Each stage's base image, global {@code ARG} defaults substituted, without {@code AS name}. */
    List<String> baseImages() {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<String> images = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ARG") && images.isEmpty()) {
                String[] nameAndDefault = instruction.arguments().split("=", 2);
                globalArgs.put(nameAndDefault[0], nameAndDefault.length > 1 ? nameAndDefault[1] : "");
            } else if (instruction.keyword().equals("FROM")) {
                Matcher variable = VARIABLE.matcher(instruction.arguments().split("\\s+")[0]);
                images.add(variable.replaceAll(found -> Matcher.quoteReplacement(
                        globalArgs.getOrDefault(found.group(1), found.group()))));
            }
        }
        return images;
    }

    /** The instructions of the last stage (after its {@code FROM}). */
    List<Instruction> runtimeStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i + 1;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    /** The runtime stage's instructions of one keyword, in order. */
    List<String> runtime(String keyword) {
        return runtimeStage().stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    /** The last of the runtime stage's instructions of one keyword (the one in force). */
    String lastRuntime(String keyword) {
        List<String> all = runtime(keyword);
        if (all.isEmpty()) {
            throw new AssertionError("the Dockerfile's runtime stage has no " + keyword);
        }
        return all.getLast();
    }

    /** {@code ENV key=value …} of the runtime stage (values without spaces or quotes, as this Dockerfile writes them). */
    Map<String, String> runtimeEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String arguments : runtime("ENV")) {
            for (String pair : arguments.split("\\s+")) {
                String[] keyAndValue = pair.split("=", 2);
                environment.put(keyAndValue[0], keyAndValue[1]);
            }
        }
        return environment;
    }

    /** The {@code HEALTHCHECK}'s options ({@code interval} → {@code 10s}, …). */
    Map<String, String> healthcheckOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        Matcher option = Pattern.compile("--([a-z-]+)=(\\S+)").matcher(healthcheck()[0]);
        while (option.find()) {
            options.put(option.group(1), option.group(2));
        }
        return options;
    }

    /** The {@code HEALTHCHECK}'s command, in exec form. */
    List<String> healthcheckCommand() {
        return execForm(healthcheck()[1]);
    }

    /** A JSON array of an instruction in exec form; anything else fails, since a shell form would need a shell. */
    static List<String> execForm(String arguments) {
        try {
            return JSON.readValue(arguments, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new AssertionError("not in exec form (a JSON array): " + arguments, e);
        }
    }

    private String[] healthcheck() {
        String arguments = lastRuntime("HEALTHCHECK");
        int cmd = arguments.indexOf("CMD ");
        if (cmd < 0) {
            throw new AssertionError("HEALTHCHECK without CMD: " + arguments);
        }
        return new String[] {arguments.substring(0, cmd), arguments.substring(cmd + 4).strip()};
    }
}
