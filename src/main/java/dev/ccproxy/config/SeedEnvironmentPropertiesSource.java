package dev.ccproxy.config;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Ordered;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Makes the seed's environment variables ({@code OPENAI_API_KEY}, {@code PORT}, {@code CUSTOM_HEADER_*}, …), a
 * {@code .env} file and {@code application.yaml} ({@link YamlSettingsFile}) set the namespaced keys of
 * {@code application.properties}, ahead of the file itself: environment, then {@code .env}, then the YAML file.
 *
 * <p>Camel finds this source through {@code META-INF/services/org/apache/camel/properties-source-factory}, so the
 * application and the tests get it alike. It also answers two derived keys that a properties file cannot compute:
 * <ul>
 *   <li>{@code proxy.server.bind-host}: {@code proxy.server.host} when set; otherwise {@code 0.0.0.0} when clients
 *       must present a key, and {@code 127.0.0.1} when the proxy is open (no {@code ANTHROPIC_API_KEY}).</li>
 *   <li>{@code proxy.upstream.timeout-millis}, {@code proxy.upstream.first-byte-timeout-millis} and
 *       {@code proxy.upstream.idle-timeout-millis}: the {@code …-seconds} key × 1000 (fractions allowed), for
 *       camel-http and the settings.</li>
 * </ul>
 * Camel itself ignores environment variables ending in {@code _PORT} for its own keys; {@code PORT} works here because
 * this source reads it by name.
 */
public final class SeedEnvironmentPropertiesSource implements LoadablePropertiesSource, Ordered, CamelContextAware {

    static final String BIND_HOST = "proxy.server.bind-host";
    static final String TIMEOUT_MILLIS = "proxy.upstream.timeout-millis";
    static final String FIRST_BYTE_TIMEOUT_MILLIS = "proxy.upstream.first-byte-timeout-millis";
    static final String IDLE_TIMEOUT_MILLIS = "proxy.upstream.idle-timeout-millis";

    private static final Logger LOG = LoggerFactory.getLogger(SeedEnvironmentPropertiesSource.class);

    private final Map<String, String> seedProperties;
    /**
     * Why the configuration could not be read (a broken application.yaml), thrown at the first lookup: Camel creates
     * this source through a factory that swallows constructor failures, which would leave only a puzzling "property
     * not found" later.
     */
    private final IllegalStateException unreadable;
    private final AtomicBoolean bindHostLogged = new AtomicBoolean();
    private CamelContext camelContext;

    public SeedEnvironmentPropertiesSource() {
        this(SeedEnvironment.load(), YamlSettingsFile::load);
    }

    SeedEnvironmentPropertiesSource(SeedEnvironment environment) {
        this(environment, Map.of());
    }

    /** @param yaml the keys of {@code application.yaml}: above {@code application.properties}, below the environment */
    SeedEnvironmentPropertiesSource(SeedEnvironment environment, Map<String, String> yaml) {
        this(environment, () -> yaml);
    }

    private SeedEnvironmentPropertiesSource(SeedEnvironment environment, Supplier<Map<String, String>> yaml) {
        Map<String, String> merged = new LinkedHashMap<>();
        IllegalStateException failure = null;
        try {
            merged.putAll(yaml.get());
        } catch (IllegalStateException e) {
            LOG.error("{}", e.getMessage());
            failure = e;
        }
        merged.putAll(environment.properties());
        this.seedProperties = Map.copyOf(merged);
        this.unreadable = failure;
    }

    @Override
    public String getName() {
        return "seed-environment";
    }

    @Override
    public int getOrder() {
        // ahead of application.properties: an environment variable beats the file, as users expect
        return Ordered.HIGHEST;
    }

    @Override
    public String getProperty(String name) {
        if (unreadable != null) {
            throw unreadable;
        }
        return switch (name) {
            case BIND_HOST -> bindHost();
            case TIMEOUT_MILLIS, FIRST_BYTE_TIMEOUT_MILLIS, IDLE_TIMEOUT_MILLIS -> secondsAsMillis(name);
            default -> seedProperties.get(name);
        };
    }

    @Override
    public Properties loadProperties() {
        return loadProperties(key -> true);
    }

    @Override
    public Properties loadProperties(Predicate<String> filter) {
        if (unreadable != null) {
            throw unreadable;
        }
        Properties properties = new Properties();
        seedProperties.forEach((key, value) -> {
            if (filter.test(key)) {
                properties.setProperty(key, value);
            }
        });
        return properties;
    }

    @Override
    public void reloadProperties(String location) {
        // the environment does not change while the process runs
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    private String bindHost() {
        String host = resolve("proxy.server.host");
        if (host != null) {
            return host;
        }
        boolean clientKeySet = resolve("proxy.client.api-key") != null;
        String chosen = clientKeySet ? "0.0.0.0" : "127.0.0.1";
        if (!clientKeySet && bindHostLogged.compareAndSet(false, true)) {
            LOG.warn("No client key is set (ANTHROPIC_API_KEY / proxy.client.api-key), so anyone who can reach the proxy "
                    + "could spend the upstream key: listening on 127.0.0.1 only. Set a client key, or HOST to choose.");
        }
        return chosen;
    }

    /** {@code proxy.upstream.x-millis} from {@code proxy.upstream.x-seconds}, which users set (seeds: REQUEST_TIMEOUT). */
    private String secondsAsMillis(String millisKey) {
        String secondsKey = millisKey.substring(0, millisKey.length() - "millis".length()) + "seconds";
        String seconds = resolve(secondsKey);
        if (seconds == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(seconds);
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException("not a positive number");
            }
            return Long.toString(Math.max(1, Math.round(value * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(secondsKey + (secondsKey.equals("proxy.upstream.timeout-seconds")
                    ? " (REQUEST_TIMEOUT)" : "") + " must be a positive number of seconds, got: " + seconds, e);
        }
    }

    private String resolve(String key) {
        if (camelContext == null) {
            return seedProperties.get(key);
        }
        return camelContext.getPropertiesComponent().resolveProperty(key)
                .filter(value -> !value.isBlank())
                .map(String::trim)
                .orElse(null);
    }
}
