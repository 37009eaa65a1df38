package io.driftwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.events.GroundTruthEvent;
import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.TestSchemas;
import io.driftwatch.schemas.registry.server.EmbeddedSchemaRegistry;
import io.driftwatch.schemas.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded registry, driven over HTTP by our client and by raw requests (Confluent's REST contract). */
class EmbeddedSchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema PREDICTION = PredictionEvent.getClassSchema();

    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.builder().start();
        client = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldBindLoopbackByDefault() {
        assertThat(registry.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldRegisterIdempotentlyAndShareIdsAcrossSubjects() {
        int first = client.register("a-value", PREDICTION);
        int again = new SchemaRegistryClient(RegistryClientConfig.of(registry.url())).register("a-value", PREDICTION);
        int otherSubject = client.register("b-value", PREDICTION);
        int otherSchema = client.register("c-value", GroundTruthEvent.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(otherSchema).isNotEqualTo(first);
        assertThat(client.schemaById(first)).isEqualTo(PREDICTION);
        assertThat(client.latestVersion("a-value").version()).isEqualTo(1);
    }

    @Test
    void shouldRejectBackwardIncompatibleSchemaWith409() {
        client.register("s-value", PREDICTION);
        Schema breaking = new Schema.Parser().parse(PREDICTION.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},"));

        assertThat(client.isCompatible("s-value", breaking)).isFalse();
        assertThatThrownBy(() -> client.register("s-value", breaking))
                .isInstanceOfSatisfying(RegistryRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(RegistryErrorCodes.INCOMPATIBLE_SCHEMA);
                });
    }

    @Test
    void shouldAcceptCompatibleEvolutionAsNextVersion() throws IOException {
        client.register("e-value", PREDICTION);
        Schema v2 = TestSchemas.predictionEventV2();

        assertThat(client.isCompatible("e-value", v2)).isTrue();
        int id = client.register("e-value", v2);

        SchemaRegistryClient.RegisteredSchema latest = client.latestVersion("e-value");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id);
    }

    @Test
    void shouldApplySubjectLevelCompatibilityOverGlobal() {
        client.register("n-value", PREDICTION);
        Schema breaking = new Schema.Parser().parse(PREDICTION.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},"));

        client.setCompatibility("n-value", CompatibilityLevel.NONE);

        assertThat(client.compatibility("n-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.register("n-value", breaking)).isPositive();
    }

    @Test
    void shouldAnswerConfluentErrorCodes() throws Exception {
        client.register("x-value", PREDICTION);

        assertError("GET", "/subjects/missing/versions/latest", null, 404, 40401);
        assertError("GET", "/subjects/x-value/versions/7", null, 404, 40402);
        assertError("GET", "/schemas/ids/4242", null, 404, 40403);
        assertError("POST", "/subjects/x-value", body(GroundTruthEvent.getClassSchema().toString()), 404, 40403);
        assertError("POST", "/subjects/x-value/versions", body("{\"type\": \"record\"}"), 422, 42201);
        assertError("GET", "/subjects/x-value/versions/zero", null, 422, 42202);
        assertError("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", 422, 42203);
        assertError("GET", "/config/x-value", null, 404, 40408);
    }

    @Test
    void shouldAnswerLookUpWithSubjectVersionIdAndSchema() throws Exception {
        int id = client.register("l-value", PREDICTION);

        HttpResponse<String> response = send("POST", "/subjects/l-value", body(PREDICTION.toString()));

        JsonNode node = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("Content-Type")).hasValue(RegistryErrorCodes.MEDIA_TYPE);
        assertThat(node.get("subject").asText()).isEqualTo("l-value");
        assertThat(node.get("id").asInt()).isEqualTo(id);
        assertThat(node.get("version").asInt()).isEqualTo(1);
        assertThat(new Schema.Parser().parse(node.get("schema").asText())).isEqualTo(PREDICTION);
    }

    @Test
    void shouldRequireBasicAuthWhenConfiguredAndNeverRetryA401() {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder().basicAuth("ops:s3cret").start()) {
            SchemaRegistryClient anonymous = new SchemaRegistryClient(RegistryClientConfig.of(secured.url()));
            SchemaRegistryClient wrong = new SchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
                    RegistryClientConfig.URL, secured.url(), RegistryClientConfig.BASIC_AUTH_USER_INFO, "ops:nope")));
            SchemaRegistryClient right = new SchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
                    RegistryClientConfig.URL, secured.url(), RegistryClientConfig.BASIC_AUTH_USER_INFO, "ops:s3cret")));

            assertThatThrownBy(() -> anonymous.register("p-value", PREDICTION))
                    .isInstanceOfSatisfying(RegistryRequestException.class,
                            e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("refused the credentials")
                    .hasMessageNotContaining("s3cret");
            assertThatThrownBy(() -> wrong.register("p-value", PREDICTION)).isInstanceOf(RegistryRequestException.class);
            assertThat(right.register("p-value", PREDICTION)).isPositive();
        }
    }

    @Test
    void theClientShouldReachAnHttpsRegistryThroughItsTrustStoreOnly(@TempDir Path dir) {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(dir, "registry");
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder().tls(certificate.keyStoreConfig())
                .basicAuth("ops:s3cret").start()) {
            assertThat(secured.url()).startsWith("https://");
            SchemaRegistryClient trusting = new SchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
                    RegistryClientConfig.URL, secured.url(), RegistryClientConfig.BASIC_AUTH_USER_INFO, "ops:s3cret",
                    RegistryClientConfig.TRUSTSTORE_LOCATION, certificate.trustStore().toString(),
                    RegistryClientConfig.TRUSTSTORE_PASSWORD, certificate.password(),
                    RegistryClientConfig.TRUSTSTORE_TYPE, "PKCS12")));
            SchemaRegistryClient untrusting = new SchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
                    RegistryClientConfig.URL, secured.url(), RegistryClientConfig.BASIC_AUTH_USER_INFO, "ops:s3cret",
                    RegistryClientConfig.MAX_RETRIES, 0)));

            int id = trusting.register("p-value", PREDICTION);
            assertThat(trusting.schemaById(id)).isEqualTo(PREDICTION);
            // Unavailable (so a processor stalls rather than dead-lettering records), saying why.
            assertThatThrownBy(() -> untrusting.register("p-value", PREDICTION))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining(secured.url()).hasMessageContaining("PKIX path building failed")
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aRegistryThatRequiresClientCertificatesShouldServeOnlyAClientWithOne(@TempDir Path dir) {
        SelfSignedCertificate server = SelfSignedCertificate.generate(dir, "registry");
        SelfSignedCertificate client = SelfSignedCertificate.generate(dir, "driftwatch");
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder().tls(server.keyStoreConfig())
                .requireClientCertificate(client.trustStoreConfig()).start()) {
            Map<String, Object> trusting = Map.of(RegistryClientConfig.URL, secured.url(),
                    RegistryClientConfig.TRUSTSTORE_LOCATION, server.trustStore().toString(),
                    RegistryClientConfig.TRUSTSTORE_PASSWORD, server.password(), RegistryClientConfig.MAX_RETRIES, 0);
            Map<String, Object> withCertificate = new HashMap<>(trusting);
            withCertificate.putAll(Map.of(RegistryClientConfig.KEYSTORE_LOCATION, client.keyStore().toString(),
                    RegistryClientConfig.KEYSTORE_PASSWORD, client.password()));

            assertThat(new SchemaRegistryClient(RegistryClientConfig.fromMap(withCertificate))
                    .register("p-value", PREDICTION)).isPositive();
            assertThatThrownBy(() -> new SchemaRegistryClient(RegistryClientConfig.fromMap(trusting))
                    .register("p-value", PREDICTION))
                    .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining(secured.url());
        }
    }

    private static String body(String schema) throws IOException {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private void assertError(String method, String path, String body, int status, int errorCode) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error_code").asInt()).as(method + " " + path).isEqualTo(errorCode);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", RegistryErrorCodes.MEDIA_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
