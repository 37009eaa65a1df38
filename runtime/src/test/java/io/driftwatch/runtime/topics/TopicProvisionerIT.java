package io.driftwatch.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.testing.KafkaTestCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicProvisionerIT {

    @RegisterExtension
    static final KafkaTestCluster kafka = new KafkaTestCluster();

    @Test
    void shouldCreateMissingTopicsOnceAndReportMismatchedOnes() throws Exception {
        DriftwatchConfig config = kafka.config(Map.of());
        TopicCatalogue catalogue = kafka.catalogue(config);
        try (Admin admin = kafka.admin()) {
            // A pre-existing alerts topic with the wrong partition count.
            admin.createTopics(List.of(new NewTopic(catalogue.name(TopicCatalogue.ALERTS), 5, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            TopicProvisioner provisioner = new TopicProvisioner(admin, catalogue, 2, Optional.empty());

            TopicProvisioner.Report first = provisioner.provision(TopicCatalogue.ALL);
            // Checked at once, as 'topics create' then 'topics check' would: every created topic is already listed.
            TopicProvisioner.Status status = provisioner.check(TopicCatalogue.ALL);
            TopicProvisioner.Report second = provisioner.provision(TopicCatalogue.ALL);

            assertThat(first.created()).hasSize(TopicCatalogue.ALL.size() - 1);
            assertThat(first.mismatches()).containsExactly(
                    catalogue.name(TopicCatalogue.ALERTS) + ": 5 partitions, expected 2");
            assertThat(status.missing()).isEmpty();
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).hasSize(TopicCatalogue.ALL.size());
            String profiles = catalogue.name(TopicCatalogue.REFERENCE_PROFILES);
            assertThat(admin.describeTopics(List.of(profiles)).allTopicNames().get().get(profiles).partitions()).hasSize(1);
        }
    }
}
