package dev.ccproxy.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two java command lines of the pom's exec-maven-plugin: how {@code exec:exec} starts the proxy (its
 * configuration) and the ahead-of-time cache's training run (its {@code aot-cache} execution), with the build's paths
 * moved to a directory that holds the jar and the cache side by side, as an image does.
 */
final class PomJavaCommands {

    private final Element plugin;

    private PomJavaCommands(Element plugin) {
        this.plugin = plugin;
    }

    static PomJavaCommands read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        NodeList plugins = document.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (child(plugin, "artifactId").getTextContent().equals("exec-maven-plugin")
                    && !children(plugin, "configuration").isEmpty()) {
                return new PomJavaCommands(plugin);
            }
        }
        throw new AssertionError("the pom configures no exec-maven-plugin");
    }

    /** {@code java} and the arguments {@code exec:exec} starts the proxy with, the jar and cache in {@code dir}. */
    List<String> run(String dir) {
        return command(child(plugin, "configuration"), dir);
    }

    /** {@code java} and the arguments of the cache's training run, the jar and cache in {@code dir}. */
    List<String> aotTraining(String dir) {
        for (Element execution : children(child(plugin, "executions"), "execution")) {
            if (child(execution, "id").getTextContent().equals("aot-cache")) {
                return command(child(execution, "configuration"), dir);
            }
        }
        throw new AssertionError("the exec-maven-plugin has no aot-cache execution");
    }

    private static List<String> command(Element configuration, String dir) {
        List<String> command = new ArrayList<>(List.of("java"));
        for (Element argument : children(child(configuration, "arguments"), "argument")) {
            command.add(argument.getTextContent().strip()
                    .replace("${project.build.directory}/${project.build.finalName}", dir + "/claude-code-proxy")
                    .replace("${project.build.directory}", dir));
        }
        return command;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + name + "> in <" + parent.getTagName() + ">, found " + found.size());
        }
        return found.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
