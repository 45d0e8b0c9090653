package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.Tool;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The web-search tool's {@code allowed_domains} and {@code blocked_domains}, applied to what the client receives:
 * OpenAI's search takes an allow-list but no block-list, so results and citations from a blocked domain (or outside
 * the allowed ones) are left out of the answer, and the model's text is kept. As in Anthropic's rules, a domain covers
 * its subdomains ({@code example.com} covers {@code docs.example.com}), and a scheme or path in the setting is ignored.
 */
public record SearchDomains(List<String> allowed, List<String> blocked) {

    public static final SearchDomains ANY = new SearchDomains(List.of(), List.of());

    /** The rules of the request's web-search tool; {@link #ANY} without one. */
    public static SearchDomains of(MessagesRequest request) {
        if (!request.hasTools()) {
            return ANY;
        }
        for (Tool tool : request.tools()) {
            if (tool != null && tool.webSearch()) {
                return new SearchDomains(normalised(tool.allowedDomains()), normalised(tool.blockedDomains()));
            }
        }
        return ANY;
    }

    /** Whether a result or citation at {@code url} may reach the client. */
    public boolean permits(String url) {
        if (allowed.isEmpty() && blocked.isEmpty()) {
            return true;
        }
        String host = host(url);
        if (blocked.stream().anyMatch(domain -> covers(domain, host))) {
            return false;
        }
        return allowed.isEmpty() || allowed.stream().anyMatch(domain -> covers(domain, host));
    }

    private static boolean covers(String domain, String host) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    private static List<String> normalised(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        return domains.stream().filter(domain -> domain != null && !domain.isBlank())
                .map(domain -> host(domain.contains("://") ? domain : "https://" + domain.trim()))
                .map(host -> host.startsWith("www.") ? host.substring(4) : host)
                .toList();
    }

    private static String host(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? url.toLowerCase(Locale.ROOT) : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url.toLowerCase(Locale.ROOT);
        }
    }
}
