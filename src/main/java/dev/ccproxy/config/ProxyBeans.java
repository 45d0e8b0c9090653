package dev.ccproxy.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccproxy.camel.AcceptRequest;
import dev.ccproxy.camel.AnswerConnectionTest;
import dev.ccproxy.camel.AnthropicErrorResponder;
import dev.ccproxy.camel.AuthenticateClient;
import dev.ccproxy.camel.CountTokens;
import dev.ccproxy.camel.FromChatCompletionsResponse;
import dev.ccproxy.camel.ListModels;
import dev.ccproxy.camel.ProbeSmallModel;
import dev.ccproxy.camel.ReadinessCheck;
import dev.ccproxy.camel.ReadMessagesRequest;
import dev.ccproxy.camel.RetryableUpstreamFailure;
import dev.ccproxy.camel.RetrieveModel;
import dev.ccproxy.camel.FromResponsesResponse;
import dev.ccproxy.camel.RelayStreamToClient;
import dev.ccproxy.camel.ToUpstreamRequest;
import dev.ccproxy.camel.UpstreamCancellation;
import dev.ccproxy.camel.UpstreamHeaders;
import dev.ccproxy.http.HttpErrorPages;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.mapping.AnthropicToChatCompletions;
import dev.ccproxy.mapping.AnthropicToResponses;
import dev.ccproxy.mapping.ModelCatalog;
import dev.ccproxy.streaming.ChatCompletionsStreamTranslator;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import dev.ccproxy.streaming.ResponsesStreamTranslator;
import dev.ccproxy.mapping.ModelResolver;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Reads the settings once and registers the beans the YAML routes refer to by name ({@code process: {ref: …}}).
 * Processors are stateless, so one instance of each serves every request.
 */
public final class ProxyBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyBeans.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ProxySettings settings = ProxySettings.load(context.getPropertiesComponent());
        LogLevelConfigurer.apply(settings.logLevel());
        ModelResolver models = new ModelResolver(settings);

        Registry registry = context.getRegistry();
        registry.bind("objectMapper", ObjectMapper.class, ProxyJson.mapper());
        registry.bind("proxySettings", settings);
        registry.bind("acceptRequest", new AcceptRequest());
        registry.bind("authenticateClient", new AuthenticateClient(settings.clientApiKey()));
        registry.bind("readMessagesRequest", new ReadMessagesRequest(models));
        registry.bind("toChatCompletionsRequest",
                new ToUpstreamRequest(new AnthropicToChatCompletions(models, settings.tokens())));
        registry.bind("chatCompletionsUpstream", new UpstreamHeaders(UpstreamApi.CHAT));
        registry.bind("responsesUpstream", new UpstreamHeaders(UpstreamApi.RESPONSES));
        registry.bind("fromChatCompletionsResponse", new FromChatCompletionsResponse());
        ScheduledExecutorService keepAlive = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "sse-keep-alive");
        StreamingSettings streaming = settings.streaming();
        // one counter for count_tokens and for message_start's input tokens: both hit the same cache by content
        RequestTokens inputTokens = new RequestTokens(new TextTokens(settings.tokenCacheChars()));
        registry.bind("streamChatCompletions", new RelayStreamToClient(streaming, keepAlive, "",
                (translation, request) -> new ChatCompletionsStreamTranslator(translation, streaming.bufferToolCalls(),
                        inputTokens.count(request))));
        registry.bind("toResponsesRequest",
                new ToUpstreamRequest(new AnthropicToResponses(models, settings.tokens())));
        registry.bind("fromResponsesResponse", new FromResponsesResponse());
        registry.bind("streamResponses", new RelayStreamToClient(streaming, keepAlive, " (responses)",
                (translation, request) -> new ResponsesStreamTranslator(translation, inputTokens.count(request))));
        registry.bind("countTokens", new CountTokens(inputTokens));
        ModelCatalog catalog = new ModelCatalog(settings.models(), models, settings.tokens());
        registry.bind("listModels", new ListModels(catalog));
        registry.bind("retrieveModel", new RetrieveModel(catalog));
        registry.bind("readinessCheck", new ReadinessCheck());
        registry.bind("probeSmallModel", new ProbeSmallModel(models));
        registry.bind("answerConnectionTest", new AnswerConnectionTest());
        registry.bind("upstreamCancellation", new UpstreamCancellation());
        registry.bind("retryableUpstreamFailure",
                new RetryableUpstreamFailure(settings.retries().maxRetryAfterSeconds()));
        registry.bind("anthropicErrorResponder",
                new AnthropicErrorResponder(settings.defaultProvider().describe()));
        context.addStartupListener(new HttpErrorPages());

        settings.providers().values().forEach(provider -> LOG.info("Provider {}: {} ({}, {} API by default)",
                provider.name(), provider.baseUrl(), provider.azure() ? "Azure OpenAI" : "OpenAI-compatible",
                provider.api().name().toLowerCase(java.util.Locale.ROOT)));
        LOG.info("Models big={} middle={} small={}, {} map rule(s), {} profile rule(s); client key {}",
                describe(settings.models().big()), describe(settings.models().middle()),
                describe(settings.models().small()), settings.models().rules().size(),
                settings.profiles().rules().size(), settings.clientApiKey() == null ? "not required" : "required");
    }

    private static String describe(ModelChoice choice) {
        return choice.provider().equals(ProviderSettings.DEFAULT) ? choice.model()
                : choice.model() + " on " + choice.provider();
    }
}
