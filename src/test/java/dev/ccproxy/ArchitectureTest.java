package dev.ccproxy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.ccproxy.testsupport.cycle.one.CallsTwo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout's rules, checked on the compiled classes of {@code src/main}. Dependencies point one way, from the top
 * down:
 *
 * <pre>
 * dev.ccproxy (the wiring: ProxyApplication, ProxyBeans, ClaudeCodeProxy)
 *   camel                     processors and predicates the YAML routes name
 *     http, health, tracing   the Vert.x server's admission and lifecycle, the upstream stream client; readiness;
 *                             OpenTelemetry's spans (tracing uses no package of the proxy)
 *       stream                the relay of an upstream stream to the client
 *         observe             the access line, metrics and the log context of a request
 *         tokens              token counting
 *           translate.chat, translate.responses, translate.anthropic   one upstream API each; never each other
 *             translate.common                     what both APIs share
 *               routing       which provider, model and profile serve a request
 *                 anthropic, openai.chat, openai.responses   wire types
 *                 config      settings as read
 *                   error, json
 * </pre>
 *
 * A package may use any package below it, never one above; packages on one line do not use each other unless the
 * rules below say so. docs/architecture.md draws the same picture.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ccproxy");

    /** Every package of the proxy, top-level and nested ({@code translate.chat} is a slice of its own). */
    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.ccproxy.(**)")
            .as("the packages of dev.ccproxy").should().beFreeOfCycles();

    @Test
    void no_package_depends_on_itself_through_others() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void the_cycle_rule_catches_a_cycle() {
        // two test-only packages that use each other: the rule must refuse them, or it checks nothing
        JavaClasses cyclic = new ClassFileImporter().importPackages(CallsTwo.class.getPackageName().replace(".one", ""));
        assertThat(cyclic.size()).isEqualTo(2);
        assertThat(slices().matching("dev.ccproxy.testsupport.cycle.(*)..").should().beFreeOfCycles()
                .evaluate(cyclic).hasViolation()).isTrue();
    }

    @Test
    void each_layer_uses_only_the_layers_below_it() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Wiring").definedBy("dev.ccproxy")
                .layer("Camel").definedBy("dev.ccproxy.camel..")
                .layer("Http").definedBy("dev.ccproxy.http..")
                .layer("Health").definedBy("dev.ccproxy.health..")
                .layer("Tracing").definedBy("dev.ccproxy.tracing..")
                .layer("Stream").definedBy("dev.ccproxy.stream..")
                .layer("Observe").definedBy("dev.ccproxy.observe..")
                .layer("Tokens").definedBy("dev.ccproxy.tokens..")
                .layer("TranslateApis").definedBy("dev.ccproxy.translate.chat..", "dev.ccproxy.translate.responses..",
                        "dev.ccproxy.translate.anthropic..")
                .layer("TranslateCommon").definedBy("dev.ccproxy.translate.common..")
                .layer("Routing").definedBy("dev.ccproxy.routing..")
                .layer("Wire").definedBy("dev.ccproxy.anthropic..", "dev.ccproxy.openai..")
                .layer("Config").definedBy("dev.ccproxy.config..")
                .layer("Foundation").definedBy("dev.ccproxy.error..", "dev.ccproxy.json..")

                .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("Camel").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Camel", "Wiring")
                .whereLayer("Health").mayOnlyBeAccessedByLayers("Camel", "Wiring")
                .whereLayer("Tracing").mayOnlyBeAccessedByLayers("Camel", "Wiring")
                .whereLayer("Tracing").mayNotAccessAnyLayer()
                .whereLayer("Stream").mayOnlyBeAccessedByLayers("Camel", "Wiring")
                .whereLayer("Observe").mayOnlyBeAccessedByLayers("Stream", "Camel", "Wiring")
                .whereLayer("Observe").mayOnlyAccessLayers("Config", "Foundation")
                .whereLayer("Tokens").mayOnlyBeAccessedByLayers("Stream", "Camel", "Wiring")
                .whereLayer("TranslateApis").mayOnlyBeAccessedByLayers("Stream", "Camel", "Wiring")
                .whereLayer("TranslateCommon")
                .mayOnlyBeAccessedByLayers("TranslateApis", "Tokens", "Stream", "Camel", "Wiring")
                .whereLayer("Routing").mayOnlyBeAccessedByLayers("TranslateCommon", "TranslateApis", "Health",
                        "Camel", "Wiring")
                .whereLayer("Wire").mayOnlyAccessLayers("Foundation")
                .whereLayer("Config").mayOnlyAccessLayers("Foundation")
                .whereLayer("Foundation").mayOnlyAccessLayers("Foundation");
        layers.check(MAIN);
    }

    @Test
    void the_translations_of_each_upstream_api_do_not_use_each_other() {
        List<String> apis = List.of("chat", "responses", "anthropic");
        for (String api : apis) {
            for (String other : apis) {
                if (!api.equals(other)) {
                    noClasses().that().resideInAPackage("dev.ccproxy.translate." + api + "..")
                            .should().dependOnClassesThat().resideInAPackage("dev.ccproxy.translate." + other + "..")
                            .check(MAIN);
                }
            }
        }
    }

    @Test
    void wire_types_translation_and_routing_are_plain_java() {
        // what converts and decides is testable without a server: no Camel, no Vert.x, no HTTP client (settings may
        // read Camel's properties: that is where they come from; error names the HTTP client's exception for a
        // connection the upstream dropped, see below)
        noClasses().that().resideInAnyPackage("dev.ccproxy.translate..", "dev.ccproxy.routing..",
                        "dev.ccproxy.anthropic..", "dev.ccproxy.openai..", "dev.ccproxy.tokens..",
                        "dev.ccproxy.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.vertx..", "io.netty..",
                        "org.apache.hc..")
                .check(MAIN);
    }

    @Test
    void errors_know_no_camel_and_no_server() {
        noClasses().that().resideInAPackage("dev.ccproxy.error..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.vertx..", "io.netty..")
                .check(MAIN);
    }

    @Test
    void only_the_camel_package_and_the_wiring_know_camel() {
        noClasses().that().resideOutsideOfPackages("dev.ccproxy", "dev.ccproxy.camel..", "dev.ccproxy.http..",
                        "dev.ccproxy.health..", "dev.ccproxy.config..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(MAIN);
    }
}
