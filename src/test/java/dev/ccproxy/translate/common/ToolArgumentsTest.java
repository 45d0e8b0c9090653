package dev.ccproxy.translate.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ToolArgumentsTest {

    @Test
    void closes_what_a_cut_off_document_left_open() {
        assertThat(ToolArguments.closeTruncated("{\"a\": [1, 2")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(ToolArguments.closeTruncated("{\"a\": \"tex")).isEqualTo("{\"a\": \"tex\"}");
        assertThat(ToolArguments.closeTruncated("{\"a\": \"x\\")).isEqualTo("{\"a\": \"x\"}");
        assertThat(ToolArguments.closeTruncated("{\"a\": 1,")).isEqualTo("{\"a\": 1}");
        assertThat(ToolArguments.closeTruncated("{\"a\":")).isEqualTo("{\"a\":null}");
        assertThat(ToolArguments.closeTruncated("{\"a\": \"}{[\"")).isEqualTo("{\"a\": \"}{[\"}");
    }

    @Test
    void never_fails_and_always_answers_an_object() {
        assertThat(ToolArguments.parse(null)).isEmpty();
        assertThat(ToolArguments.parse("[1,2]")).isEmpty();
        assertThat(ToolArguments.parse("42")).isEmpty();
        assertThat(ToolArguments.parse("{\"nested\": {\"deep\": [1, {\"x\": \"y\"")
                .toString()).isEqualTo("{\"nested\":{\"deep\":[1,{\"x\":\"y\"}]}}");
    }
}
