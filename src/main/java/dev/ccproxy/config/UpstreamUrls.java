package dev.ccproxy.config;

import dev.ccproxy.error.InvalidRequestException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The URL of an upstream call, built from the provider's configuration alone; the request only chooses the provider
 * and, for Azure's per-deployment form, the deployment, which must then look like a deployment name.
 *
 * <p>Azure OpenAI (an {@code azure-api-version} is set) comes in three forms, told apart by the base URL:
 * <ul>
 *   <li>{@code https://<resource>.openai.azure.com/openai/v1}: the v1 API, paths as at OpenAI
 *       ({@code ?api-version=} only for {@code preview});</li>
 *   <li>{@code https://<resource>.openai.azure.com/openai/deployments/<deployment>}: one fixed deployment (the seed's
 *       form), {@code /chat/completions?api-version=…};</li>
 *   <li>{@code https://<resource>.openai.azure.com}: the deployment is the upstream model name,
 *       {@code /openai/deployments/<model>/chat/completions?api-version=…}.</li>
 * </ul>
 * The Responses API is not per deployment: {@code <resource>/openai/responses?api-version=…} (the model names the
 * deployment in the body), or {@code /openai/v1/responses}.
 */
public final class UpstreamUrls {

    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String V1 = "/openai/v1";
    private static final String DEPLOYMENTS = "/openai/deployments/";

    private UpstreamUrls() {
    }

    public static String chatCompletions(ProviderSettings provider, String model) {
        String base = provider.baseUrl();
        if (!provider.azure()) {
            return base + "/chat/completions";
        }
        if (base.endsWith(V1)) {
            return base + "/chat/completions" + v1Query(provider);
        }
        if (base.contains(DEPLOYMENTS)) {
            return base + "/chat/completions" + query(provider);
        }
        return resource(base) + DEPLOYMENTS + deployment(model) + "/chat/completions" + query(provider);
    }

    /** An Anthropic-speaking server's Messages endpoint: the base URL (up to {@code /v1}) and {@code /messages}. */
    public static String messages(ProviderSettings provider) {
        return provider.baseUrl() + "/messages";
    }

    public static String responses(ProviderSettings provider) {
        String base = provider.baseUrl();
        if (!provider.azure()) {
            return base + "/responses";
        }
        if (base.endsWith(V1)) {
            return base + "/responses" + v1Query(provider);
        }
        return resource(base) + "/openai/responses" + query(provider);
    }

    /** The resource URL: everything before {@code /openai/…}, or the base URL itself. */
    private static String resource(String base) {
        int openai = base.indexOf("/openai/");
        if (openai >= 0) {
            return base.substring(0, openai);
        }
        return base.endsWith("/openai") ? base.substring(0, base.length() - "/openai".length()) : base;
    }

    private static String query(ProviderSettings provider) {
        return "?api-version=" + URLEncoder.encode(provider.azureApiVersion(), StandardCharsets.UTF_8);
    }

    private static String v1Query(ProviderSettings provider) {
        return provider.azureApiVersion().equalsIgnoreCase("preview") ? "?api-version=preview" : "";
    }

    private static String deployment(String model) {
        if (!DEPLOYMENT.matcher(model).matches()) {
            throw new InvalidRequestException("model: \"" + model + "\" is not an Azure deployment name (letters, "
                    + "digits, '.', '_' and '-'); map it to a deployment in proxy.models.*");
        }
        return model;
    }
}
