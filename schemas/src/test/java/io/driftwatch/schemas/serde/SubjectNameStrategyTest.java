package io.driftwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.events.PredictionEvent;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

    private static final Schema SCHEMA = PredictionEvent.getClassSchema();

    @Test
    void shouldNameSubjectsAsConfluentDoes() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("orders", false, SCHEMA)).isEqualTo("orders-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("orders", true, SCHEMA)).isEqualTo("orders-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("orders", false, SCHEMA))
                .isEqualTo("io.driftwatch.events.PredictionEvent");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("orders", false, SCHEMA))
                .isEqualTo("orders-io.driftwatch.events.PredictionEvent");
    }

    @Test
    void shouldAcceptConfluentClassNamesAndRejectOthers() {
        assertThat(SubjectNameStrategy.parse("k", "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("k", "TopicRecordNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("k", null)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThatThrownBy(() -> SubjectNameStrategy.parse("value.subject.name.strategy", "Alphabetical"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy").hasMessageContaining("Alphabetical");
    }
}
