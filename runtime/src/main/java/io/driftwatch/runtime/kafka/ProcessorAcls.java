package io.driftwatch.runtime.kafka;

import io.driftwatch.runtime.topics.TopicCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The least a processor's principal needs on a broker that allows nothing without an ACL, read
 * off the processor's own topology so that it cannot drift from what the code does: its internal
 * topics, consumer group and transactional ids (all prefixed by its {@code application.id}), Read
 * on the catalogue topics it consumes, Write on those it produces and on the dead-letter topic.
 */
public final class ProcessorAcls {

    private ProcessorAcls() {
    }

    /** The catalogue topics a topology reads: its sources and global stores' sources. */
    public static Set<String> reads(Topology topology, TopicCatalogue topics) {
        Set<String> reads = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            sub.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    reads.addAll(source.topicSet());
                }
            });
        }
        description.globalStores().forEach(store -> reads.addAll(store.source().topicSet()));
        reads.retainAll(catalogued(topics));
        return reads;
    }

    /** The catalogue topics a topology writes (its sinks), with the dead-letter topic every processor may write. */
    public static Set<String> writes(Topology topology, TopicCatalogue topics) {
        Set<String> writes = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            sub.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    writes.add(sink.topic());
                }
            });
        }
        writes.retainAll(catalogued(topics));
        writes.add(topics.name(TopicCatalogue.DEAD_LETTER));
        return writes;
    }

    /** The ACLs of {@code principal} (e.g. {@code User:driftwatch}) for the processor with this application id. */
    public static List<AclBinding> of(String principal, String applicationId, Topology topology, TopicCatalogue topics) {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, operation));
        }
        acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, AclOperation.DESCRIBE));
        reads(topology, topics).forEach(topic ->
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ)));
        writes(topology, topics).forEach(topic ->
                acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
        return acls;
    }

    /** An allow ACL from any host. */
    public static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                   AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** The {@code kafka-acls} command that creates an ACL, for operators who script their broker. */
    public static String command(AclBinding acl) {
        ResourcePattern pattern = acl.pattern();
        String resource = switch (pattern.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> "--" + pattern.resourceType().name().toLowerCase(Locale.ROOT);
        };
        return "kafka-acls.sh --bootstrap-server $BOOTSTRAP --command-config admin.properties --add --allow-principal "
                + acl.entry().principal() + " --operation " + operationName(acl.entry().operation()) + " " + resource + " '"
                + pattern.name() + "'" + (pattern.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    private static String operationName(AclOperation operation) {
        String name = operation.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Set<String> catalogued(TopicCatalogue topics) {
        Set<String> names = new TreeSet<>();
        TopicCatalogue.ALL.forEach(spec -> names.add(topics.name(spec)));
        return names;
    }
}
