package io.driftwatch.schemas.registry.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.http.JdkHttpServerLimits;
import io.driftwatch.schemas.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the Confluent REST subset Driftwatch and Confluent's own clients
 * use. In memory, or durable in a compacted Kafka topic beside a broker. Binds 127.0.0.1 unless
 * told otherwise.
 *
 * <pre>{@code
 * try (var registry = EmbeddedSchemaRegistry.builder().kafka(Map.of("bootstrap.servers", bootstrap)).start()) {
 *     String url = registry.url();
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    /** Default topic of the durable store, as in Confluent's registry. */
    public static final String DEFAULT_TOPIC = "_schemas";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaLog schemaLog;
    private final String url;

    private EmbeddedSchemaRegistry(Builder builder) {
        this.schemaLog = builder.kafka == null ? SchemaLog.IN_MEMORY : new KafkaSchemaLog(builder.kafka, builder.topic);
        JdkHttpServerLimits.apply();
        try {
            SchemaRepository repository = new SchemaRepository(schemaLog);
            InetSocketAddress address = new InetSocketAddress(builder.bindAddress, builder.port);
            if (builder.tls.isPresent()) {
                HttpsServer https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(TlsContexts.https(builder.tls.get(), builder.clientTrustStore, "registry TLS"));
                this.server = https;
            } else {
                this.server = HttpServer.create(address, 0);
            }
            this.executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "schema-registry-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(repository, builder.basicAuthUserInfo));
            server.start();
        } catch (IOException e) {
            schemaLog.close();
            throw new UncheckedIOException("cannot bind the schema registry to " + builder.bindAddress + ":"
                    + builder.port, e);
        } catch (RuntimeException e) {
            schemaLog.close();
            throw e;
        }
        InetSocketAddress address = server.getAddress();
        this.url = (builder.tls.isPresent() ? "https://" : "http://") + address.getHostString() + ":" + address.getPort();
        log.info("schema registry listening on {} ({})", url, builder.kafka == null ? "in memory" : "topic " + builder.topic);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:43117}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        schemaLog.close();
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Map<String, Object> kafka;
        private String topic = DEFAULT_TOPIC;
        private Optional<String> basicAuthUserInfo = Optional.empty();
        private Optional<RegistryClientConfig.StoreConfig> tls = Optional.empty();
        private Optional<RegistryClientConfig.StoreConfig> clientTrustStore = Optional.empty();

        private Builder() {
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Keep schemas in a compacted topic of this cluster (client properties, passed through). */
        public Builder kafka(Map<String, Object> clientProperties) {
            this.kafka = Map.copyOf(clientProperties);
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Require HTTP Basic auth with these "user:password" credentials. */
        public Builder basicAuth(String userInfo) {
            this.basicAuthUserInfo = Optional.of(userInfo);
            return this;
        }

        /** Serve HTTPS with the certificate of this key store. */
        public Builder tls(RegistryClientConfig.StoreConfig keyStore) {
            this.tls = Optional.of(keyStore);
            return this;
        }

        /** With {@link #tls}: require a client certificate that this trust store trusts (mutual TLS). */
        public Builder requireClientCertificate(RegistryClientConfig.StoreConfig trustStore) {
            this.clientTrustStore = Optional.of(trustStore);
            return this;
        }

        public EmbeddedSchemaRegistry start() {
            return new EmbeddedSchemaRegistry(this);
        }
    }
}
