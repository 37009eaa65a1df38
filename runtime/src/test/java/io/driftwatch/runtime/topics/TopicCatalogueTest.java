package io.driftwatch.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.PredictionEvent;
import io.driftwatch.schemas.registry.RegistryClientConfig;
import io.driftwatch.schemas.serde.AvroSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    private final TopicCatalogue catalogue =
            new TopicCatalogue("staging.", AvroSerdes.fromConfig(Map.of(RegistryClientConfig.URL, "http://127.0.0.1:1")));

    @Test
    void shouldHoldEveryTopicOfTheDesignOnce() {
        assertThat(TopicCatalogue.ALL).extracting(TopicSpec::baseName).containsExactlyInAnyOrder(
                "driftwatch.predictions.v1", "driftwatch.ground-truth.v1", "driftwatch.reference-profiles.v1",
                "driftwatch.validated-predictions.v1", "driftwatch.labeled-predictions.v1", "driftwatch.metrics.v1",
                "driftwatch.drift-reports.v1", "driftwatch.alerts.v1", "driftwatch.retraining-triggers.v1",
                "driftwatch.dead-letter.v1");
    }

    @Test
    void shouldPrefixNamesAndCompactOnlyReferenceProfiles() {
        assertThat(catalogue.name(TopicCatalogue.METRICS)).isEqualTo("staging.driftwatch.metrics.v1");
        assertThat(TopicCatalogue.ALL).filteredOn(TopicSpec::isCompacted).containsExactly(TopicCatalogue.REFERENCE_PROFILES);
    }

    @Test
    void shouldGiveStringKeysAvroValuesAndRawDeadLetters() {
        assertThat(catalogue.keySerde(TopicCatalogue.PREDICTIONS).getClass()).isEqualTo(Serdes.String().getClass());
        assertThat(catalogue.valueSerde(TopicCatalogue.PREDICTIONS).deserializer().getClass().getSimpleName())
                .isEqualTo("AvroDeserializer");
        assertThat(catalogue.valueSerde(TopicCatalogue.DEAD_LETTER).getClass()).isEqualTo(Serdes.ByteArray().getClass());
        assertThat(TopicCatalogue.PREDICTIONS.valueType()).isEqualTo(PredictionEvent.class);
    }
}
