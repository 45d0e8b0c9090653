package dev.ccproxy.translate.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchDomainsTest {

    @Test
    void a_domain_covers_its_subdomains_and_nothing_that_merely_ends_like_it() {
        SearchDomains allowed = new SearchDomains(List.of("example.com"), List.of());

        assertThat(allowed.permits("https://example.com/a")).isTrue();
        assertThat(allowed.permits("https://docs.example.com/a")).isTrue();
        assertThat(allowed.permits("https://notexample.com/a")).isFalse();
        assertThat(allowed.permits("https://example.org/")).isFalse();
    }

    @Test
    void a_blocked_subdomain_wins_over_its_allowed_parent() {
        SearchDomains domains = new SearchDomains(List.of("example.com"), List.of("private.example.com"));

        assertThat(domains.permits("https://www.example.com/")).isTrue();
        assertThat(domains.permits("https://x.private.example.com/")).isFalse();
        assertThat(SearchDomains.ANY.permits("https://anything.test/")).isTrue();
    }
}
