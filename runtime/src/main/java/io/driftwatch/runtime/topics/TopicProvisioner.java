package io.driftwatch.runtime.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalogue's missing topics and reports the existing ones whose partition count
 * or cleanup policy differ from what Driftwatch expects. Never alters an existing topic.
 */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 30;

    /** What provisioning did and found. */
    public record Report(List<String> created, List<String> existing, List<String> mismatches) {
    }

    private final Admin admin;
    private final TopicCatalogue catalogue;
    private final int partitions;
    private final Optional<Short> replicationFactor;

    /**
     * @param partitions        partitions of newly created topics (compacted profile topics get 1)
     * @param replicationFactor replication factor of new topics; empty for the broker default
     */
    public TopicProvisioner(Admin admin, TopicCatalogue catalogue, int partitions, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Where the topics stand, without creating anything. */
    public record Status(List<String> missing, List<String> existing, List<String> mismatches) {

        public boolean ok() {
            return missing.isEmpty() && mismatches.isEmpty();
        }
    }

    public Status check(List<TopicSpec<?, ?>> topics) {
        try {
            Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            for (TopicSpec<?, ?> topic : topics) {
                (names.contains(catalogue.name(topic)) ? existing : missing).add(catalogue.name(topic));
            }
            return new Status(missing, existing, mismatches(topics, existing));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or describe topics: " + e, e);
        }
    }

    public Report provision(List<TopicSpec<?, ?>> topics) {
        try {
            Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<NewTopic> toCreate = new ArrayList<>();
            for (TopicSpec<?, ?> topic : topics) {
                String name = catalogue.name(topic);
                if (names.contains(name)) {
                    existing.add(name);
                } else {
                    toCreate.add(newTopic(topic));
                }
            }
            for (NewTopic topic : toCreate) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                    existing.add(topic.name());
                }
            }
            awaitListed(created);
            return new Report(created, existing, mismatches(topics, existing));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list or describe topics: " + e, e);
        }
    }

    /**
     * A KRaft broker learns of a new topic from the metadata log after the controller has answered, so a
     * {@code check} or an application started right after {@code create} could still find it missing.
     */
    private void awaitListed(List<String> created) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).containsAll(created)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("created topics not listed after " + TIMEOUT_SECONDS + " s: " + created);
            }
            Thread.sleep(100);
        }
    }

    private int partitionsFor(TopicSpec<?, ?> topic) {
        return topic.isCompacted() ? 1 : partitions;
    }

    private NewTopic newTopic(TopicSpec<?, ?> topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy());
        if (!topic.isCompacted()) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retentionMs()));
        }
        return new NewTopic(catalogue.name(topic), Optional.of(partitionsFor(topic)), replicationFactor)
                .configs(configs);
    }

    private List<String> mismatches(List<TopicSpec<?, ?>> topics, List<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(existing).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<ConfigResource> resources = existing.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec<?, ?> topic : topics) {
            String name = catalogue.name(topic);
            if (!descriptions.containsKey(name)) {
                continue;
            }
            int actualPartitions = descriptions.get(name).partitions().size();
            if (!topic.isCompacted() && actualPartitions != partitions) {
                mismatches.add(name + ": " + actualPartitions + " partitions, expected " + partitionsFor(topic));
            }
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policy.equals(topic.cleanupPolicy())) {
                mismatches.add(name + ": cleanup.policy=" + policy + ", expected " + topic.cleanupPolicy());
            }
        }
        return mismatches;
    }
}
