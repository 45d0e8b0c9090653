package dev.ccproxy.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tokens in a piece of text, by OpenAI's {@code o200k_base} encoding (what the upstream models count in; Claude's own
 * tokenizer is not public). Counts are cached by content: Claude Code asks for the same system prompt, tools and
 * history over and over (about 26 calls for one {@code /context}), so after the first time a request costs a hash
 * lookup per piece. Short texts are counted directly: that is cheaper than caching them.
 */
public final class TextTokens {

    /** Texts shorter than this are not worth a cache entry. */
    private static final int CACHE_FROM_CHARS = 256;
    /** Uncounted text below this is counted on the calling thread: splitting it would cost more than it saves. */
    private static final long PARALLEL_FROM_CHARS = 16 * 1024;

    /**
     * The encoding's tables take about 300 ms to load: they load beside the start-up (which does not wait for them),
     * and a count that comes before they are in waits for them.
     */
    private final CompletableFuture<Encoding> loading = CompletableFuture.supplyAsync(() -> {
        Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        encoding.countTokensOrdinary("warm up");
        return encoding;
    }, runnable -> Thread.ofVirtual().name("o200k-load").start(runnable));
    private final Cache<String, Integer> counts;

    /** @param cacheChars the most characters of text whose counts are kept (the cache's weight bound); 0: no cache */
    public TextTokens(long cacheChars) {
        this.counts = cacheChars <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(cacheChars)
                .weigher((String text, Integer count) -> text.length())
                .build();
    }

    /**
     * The tokens of all the texts together. Texts not in the cache are counted side by side (the common fork-join
     * pool) when together they are long enough to be worth it: a never-seen request of Claude Code's is about 50 KB
     * in some 40 pieces, which one thread counts in about 3 ms.
     */
    public int countAll(List<String> texts) {
        int tokens = 0;
        List<String> misses = new ArrayList<>();
        long missedChars = 0;
        for (String text : texts) {
            if (text.length() < CACHE_FROM_CHARS) {
                tokens += encoding().countTokensOrdinary(text);
                continue;
            }
            Integer cached = counts == null ? null : counts.getIfPresent(text);
            if (cached != null) {
                tokens += cached;
            } else {
                misses.add(text);
                missedChars += text.length();
            }
        }
        if (misses.size() > 1 && missedChars >= PARALLEL_FROM_CHARS) {
            return tokens + misses.parallelStream().mapToInt(this::count).sum();
        }
        for (String text : misses) {
            tokens += count(text);
        }
        return tokens;
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (counts == null || text.length() < CACHE_FROM_CHARS) {
            return encoding().countTokensOrdinary(text);
        }
        return counts.get(text, encoding()::countTokensOrdinary);
    }

    /** Whether the encoding's tables are in (readiness waits for them). */
    public boolean loaded() {
        return loading.isDone();
    }

    private Encoding encoding() {
        return loading.join();
    }
}
