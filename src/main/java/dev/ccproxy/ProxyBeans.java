package dev.ccproxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccproxy.camel.AcceptRequest;
import dev.ccproxy.camel.AnswerConnectionTest;
import dev.ccproxy.camel.AnthropicErrorResponder;
import dev.ccproxy.camel.AuthenticateClient;
import dev.ccproxy.camel.CamelTracing;
import dev.ccproxy.camel.CheckContextWindow;
import dev.ccproxy.camel.CountTokens;
import dev.ccproxy.camel.FromAnthropicResponse;
import dev.ccproxy.camel.FromChatCompletionsResponse;
import dev.ccproxy.camel.FromResponsesResponse;
import dev.ccproxy.camel.GracefulShutdown;
import dev.ccproxy.camel.InFlightConnections;
import dev.ccproxy.camel.ListModels;
import dev.ccproxy.camel.NoRetryWhenOver;
import dev.ccproxy.camel.ProbeSmallModel;
import dev.ccproxy.camel.ReadMessagesRequest;
import dev.ccproxy.camel.ReadinessCheck;
import dev.ccproxy.camel.RelayStreamToClient;
import dev.ccproxy.camel.RetrieveModel;
import dev.ccproxy.camel.RetryBudget;
import dev.ccproxy.camel.RetryableUpstreamFailure;
import dev.ccproxy.camel.StreamTracing;
import dev.ccproxy.camel.ToUpstreamRequest;
import dev.ccproxy.camel.UpstreamCallIs;
import dev.ccproxy.camel.UpstreamCancellation;
import dev.ccproxy.camel.UpstreamEndpoint;
import dev.ccproxy.camel.UpstreamRetryDelay;
import dev.ccproxy.camel.WholeAnswerDeadlines;
import dev.ccproxy.config.LogLevelConfigurer;
import dev.ccproxy.config.MetricsSettings;
import dev.ccproxy.config.ModelChoice;
import dev.ccproxy.config.ProviderSettings;
import dev.ccproxy.config.ProxySettings;
import dev.ccproxy.config.StreamingSettings;
import dev.ccproxy.config.TracingSettings;
import dev.ccproxy.config.UpstreamHealthSettings;
import dev.ccproxy.error.KnownSecrets;
import dev.ccproxy.health.DrainReadiness;
import dev.ccproxy.health.TokenizerReadiness;
import dev.ccproxy.health.UpstreamReadiness;
import dev.ccproxy.http.AdmissionControl;
import dev.ccproxy.http.Draining;
import dev.ccproxy.http.HttpErrorPages;
import dev.ccproxy.http.HttpLayerAnswers;
import dev.ccproxy.http.InFlightLimit;
import dev.ccproxy.http.ServerVertx;
import dev.ccproxy.http.UpstreamStreamClient;
import dev.ccproxy.json.ProxyJson;
import dev.ccproxy.observe.ProxyMetrics;
import dev.ccproxy.routing.ModelCatalog;
import dev.ccproxy.routing.ModelResolver;
import dev.ccproxy.stream.StreamTimeouts;
import dev.ccproxy.stream.StreamTimer;
import dev.ccproxy.stream.StreamTranslators;
import dev.ccproxy.tokens.ContextWindow;
import dev.ccproxy.tokens.RequestTokens;
import dev.ccproxy.tokens.TextTokens;
import dev.ccproxy.translate.anthropic.AnthropicToAnthropicRequest;
import dev.ccproxy.translate.chat.AnthropicToChatRequest;
import dev.ccproxy.translate.responses.AnthropicToResponsesRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


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
        List<String> keys = new ArrayList<>();
        keys.add(settings.clientApiKey());
        settings.providers().values().forEach(provider -> keys.add(provider.apiKey()));
        KnownSecrets.register(keys);
        ModelResolver models = new ModelResolver(settings);

        Registry registry = context.getRegistry();
        // platform-http serves on this Vert.x (it takes the one in the registry): routes run on virtual threads
        Vertx vertx = ServerVertx.create(settings.server().eventLoops());
        registry.bind("vertx", Vertx.class, vertx);
        context.addLifecycleStrategy(new ClosesVertx(vertx));
        InFlightLimit inFlight = InFlightLimit.fitting(settings.server().maxConcurrentRequests());
        registry.bind("inFlightLimit", inFlight);

        ProxyJson.limitNesting(settings.server().limits().maxJsonDepth());
        registry.bind("objectMapper", ObjectMapper.class, ProxyJson.mapper());
        registry.bind("proxySettings", settings);
        // the ingress
        InFlightConnections inFlightConnections = new InFlightConnections();
        ProxyMetrics metrics = new ProxyMetrics(meterRegistry(registry),
                MetricsSettings.load(context.getPropertiesComponent()).maxModelLabels());
        registry.bind("proxyMetrics", metrics);
        registry.bind("acceptRequest", new AcceptRequest(inFlightConnections, metrics));
        registry.bind("authenticateClient", new AuthenticateClient(settings.clientApiKey()));
        // one counter for count_tokens, context edits, the window check and message_start's input tokens: both hit the same cache by content
        TextTokens textTokens = new TextTokens(settings.tokenCacheChars());
        RequestTokens inputTokens = new RequestTokens(textTokens);
        registry.bind("readMessagesRequest", new ReadMessagesRequest(models, inputTokens, settings.server().limits()));
        registry.bind("responsesApiCall", UpstreamCallIs.forTheResponsesApi());
        registry.bind("streamedCall", UpstreamCallIs.streamed());
        // the upstream routes (one template, a pair of mappers for each API)
        registry.bind("toChatCompletionsRequest",
                new ToUpstreamRequest(new AnthropicToChatRequest(settings.tokens())));
        registry.bind("anthropicApiCall", UpstreamCallIs.forTheAnthropicApi());
        registry.bind("toAnthropicRequest", new ToUpstreamRequest(new AnthropicToAnthropicRequest(settings.tokens())));
        registry.bind("fromAnthropicResponse", new FromAnthropicResponse());
        registry.bind("toResponsesRequest",
                new ToUpstreamRequest(new AnthropicToResponsesRequest(settings.tokens())));
        registry.bind("upstreamEndpoint", new UpstreamEndpoint());
        registry.bind("fromChatCompletionsResponse", new FromChatCompletionsResponse());
        registry.bind("fromResponsesResponse", new FromResponsesResponse());
        StreamingSettings streaming = settings.streaming();
        // every upstream call counts towards the retry budget, made by either client
        RetryBudget retryBudget = new RetryBudget(settings.retries().budgetPercent(), settings.retries().budgetMinimum());
        // ready once the token tables, which load beside the start-up, are in (Camel's health checks find the bean)
        registry.bind("tokenizerReadiness", new TokenizerReadiness(textTokens::loaded));
        // and, if asked, once the default upstream answers (a background probe; readiness reads its last result)
        UpstreamHealthSettings upstreamHealth = UpstreamHealthSettings.load(context.getPropertiesComponent());
        if (upstreamHealth.enabled()) {
            registry.bind("upstreamReadiness", UpstreamReadiness.start(vertx, settings.defaultProvider(), upstreamHealth));
        }
        // streams: opened with Vert.x's client and relayed on the event loop; one timer for all of them pings quiet
        // clients and cuts silent upstreams
        StreamTimeouts streamTimeouts = new StreamTimeouts(settings.upstreamClient().firstByteTimeout(),
                settings.upstreamClient().idleTimeout());
        StreamTimer timer = new StreamTimer(streaming.pingInterval(), streamTimeouts.shortest(),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "stream-timer"));
        // tracing: nothing at all unless proxy.tracing.enabled (CamelTracing)
        StreamTracing streamTracing = CamelTracing.install(context, TracingSettings.load(context.getPropertiesComponent()));
        registry.bind("relayStreamToClient", new RelayStreamToClient(
                new UpstreamStreamClient(vertx, settings.upstreamClient()), timer,
                new StreamTranslators(streaming.bufferToolCalls(), inputTokens), streamTimeouts, retryBudget, metrics,
                streamTracing));
        metrics.retryBudget(retryBudget::exhausted);
        // the other endpoints
        registry.bind("countTokens", new CountTokens(inputTokens, settings.server().limits()));
        ContextWindow contextWindow = new ContextWindow(inputTokens);
        registry.bind("checkContextWindow", new CheckContextWindow(contextWindow));
        ModelCatalog catalog = new ModelCatalog(settings.models(), models, settings.tokens());
        registry.bind("listModels", new ListModels(catalog));
        registry.bind("retrieveModel", new RetrieveModel(catalog));
        registry.bind("readinessCheck", new ReadinessCheck());
        registry.bind("probeSmallModel", new ProbeSmallModel(models));
        registry.bind("answerConnectionTest", new AnswerConnectionTest());
        // failures
        // one task bounds every whole answer (REQUEST_TIMEOUT), as one timer watches every stream
        WholeAnswerDeadlines deadlines = new WholeAnswerDeadlines(settings.upstreamClient().totalTimeout(),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "answer-deadlines"));
        registry.bind("upstreamCancellation", new UpstreamCancellation(deadlines, retryBudget));
        registry.bind("retryableUpstreamFailure", new RetryableUpstreamFailure(settings.retries(), retryBudget));
        registry.bind("upstreamRetryDelay", new UpstreamRetryDelay(settings.retries()));
        AnthropicErrorResponder errorResponder =
                new AnthropicErrorResponder(settings.defaultProvider().describe(), contextWindow);
        registry.bind("anthropicErrorResponder", errorResponder);
        registry.bind("noRetryWhenOver", new NoRetryWhenOver(errorResponder));
        context.addStartupListener(new HttpErrorPages());
        Draining draining = new Draining();
        AdmissionControl admission = new AdmissionControl(inFlight, draining);
        context.addStartupListener(admission);
        metrics.admission(inFlight::inFlight, inFlight.limit(), admission::refusedOverloaded,
                admission::refusedDraining);
        metrics.httpLayerErrors(HttpLayerAnswers.STATUSES, HttpLayerAnswers::count, HttpLayerAnswers::others);
        registry.bind("drainReadiness", new DrainReadiness(draining::active));
        context.addLifecycleStrategy(new GracefulShutdown(draining, inFlight, inFlightConnections,
                settings.server().drainTime()));

        settings.providers().values().forEach(provider -> LOG.info("Provider {}: {} ({}, {} API by default)",
                provider.name(), provider.baseUrl(), provider.azure() ? "Azure OpenAI" : "OpenAI-compatible",
                provider.api().name().toLowerCase(java.util.Locale.ROOT)));
        LOG.info("Up to {} requests in flight at once (proxy.server.max-concurrent-requests)", inFlight.limit());
        LOG.info("Models big={} middle={} small={}, {} map rule(s), {} profile rule(s); client key {}",
                describe(settings.models().big()), describe(settings.models().middle()),
                describe(settings.models().small()), settings.models().rules().size(),
                settings.profiles().rules().size(), settings.clientApiKey() == null ? "not required" : "required");
    }

    /**
     * Closes the server's Vert.x once Camel has stopped everything else, platform-http's server included
     * (platform-http closes only a Vert.x it created itself).
     */
    private static final class ClosesVertx extends LifecycleStrategySupport {

        private final Vertx vertx;

        ClosesVertx(Vertx vertx) {
            this.vertx = vertx;
        }

        @Override
        public void onContextStopped(CamelContext context) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Closing Vert.x did not finish cleanly", e);
            }
        }
    }

    /**
     * The registry Camel's metrics use and {@code /observe/metrics} serves (camel-micrometer-prometheus takes the one
     * bound as {@code metricsRegistry}, or binds its own: whichever of the two comes first, both share it).
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry found = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (found != null) {
            return found;
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class, prometheus);
        return prometheus;
    }

    private static String describe(ModelChoice choice) {
        return choice.provider().equals(ProviderSettings.DEFAULT) ? choice.model()
                : choice.model() + " on " + choice.provider();
    }
}
