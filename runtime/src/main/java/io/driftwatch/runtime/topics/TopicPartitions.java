package io.driftwatch.runtime.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/** Partition counts of existing topics, for processors whose logic depends on how many input partitions there are. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /**
     * The largest partition count among the topics.
     *
     * @throws IllegalStateException naming the topics when they cannot be described (missing, or no broker)
     */
    public static int max(Map<String, Object> kafkaConfig, Collection<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(kafkaConfig)) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return descriptions.values().stream().mapToInt(d -> d.partitions().size()).max().orElseThrow();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the partition counts of " + topics + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read the partition counts of " + topics + ": Kafka at "
                    + kafkaConfig.get("bootstrap.servers") + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partition counts of " + topics, e);
        }
    }
}
