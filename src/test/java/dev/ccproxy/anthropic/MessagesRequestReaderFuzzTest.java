package dev.ccproxy.anthropic;

import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.testsupport.hostile.FuzzLimits;
import dev.ccproxy.testsupport.hostile.HostileBodies;
import dev.ccproxy.testsupport.hostile.HostileBody;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The reader in front of every Messages route, fed the fuzzer's hostile bodies in-process (a jqwik property: fast, and
 * shrunk to the smallest failing body): it reads a body or refuses it with {@link InvalidRequestException} in the
 * client's words, and nothing else escapes it, however the body is broken. HostileRequestsFuzzTest sends the same
 * bodies through the whole proxy.
 */
class MessagesRequestReaderFuzzTest {

    /** Limits the reader itself does not apply (ReadMessagesRequest does): they only shape the generated bodies. */
    private static final FuzzLimits LIMITS = new FuzzLimits(64 * 1024, 128, 100_000, 10_000);
    private static final List<String> INTERNALS = List.of("Exception", "dev.ccproxy", "java.", "com.fasterxml",
            "MessagesRequest", "ContentBlock");

    @Property(tries = 1000, seed = "20261130")
    void a_body_is_read_or_refused_in_the_clients_words(@ForAll("bodies") HostileBody body) {
        for (boolean counting : new boolean[] {false, true}) {
            try {
                if (counting) {
                    MessagesRequestReader.readForCounting(body.bytes());
                } else {
                    MessagesRequestReader.read(body.bytes());
                }
            } catch (InvalidRequestException refused) {
                assertThat(refused.getMessage()).as(body.what()).isNotBlank().doesNotContain(INTERNALS);
            }
        }
    }

    @Property(tries = 200, seed = "20261130")
    void a_valid_body_is_read(@ForAll("valid") HostileBody body) {
        assertThatCode(() -> MessagesRequestReader.read(body.bytes())).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<HostileBody> bodies() {
        return HostileBodies.any(LIMITS);
    }

    @Provide
    Arbitrary<HostileBody> valid() {
        return HostileBodies.valid();
    }
}
