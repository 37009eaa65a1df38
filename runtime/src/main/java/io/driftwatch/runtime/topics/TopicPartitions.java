package io.driftwatch.runtime.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Partition counts of existing topics, read by the runner before it builds the topologies, for
 * processors whose logic depends on how many input partitions there are.
 */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /**
     * The partition count of each of the topics that exist.
     *
     * @throws IllegalStateException when the cluster cannot be asked (no broker, no access)
     */
    public static Map<String, Integer> counts(Map<String, Object> kafkaConfig, Collection<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(kafkaConfig)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            List<String> wanted = topics.stream().filter(existing::contains).toList();
            Map<String, Integer> counts = new TreeMap<>();
            admin.describeTopics(wanted).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
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
