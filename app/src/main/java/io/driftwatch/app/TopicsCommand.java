package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.topics.TopicCatalogue;
import io.driftwatch.runtime.topics.TopicProvisioner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch topics create|check}: Driftwatch's topics on a cluster (names, partitions, retention from the catalogue). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates or checks Driftwatch's topics (the catalogue in docs/architecture.md).")
final class TopicsCommand {

    private static final String CONFIG = "The YAML configuration: cluster, topic prefix, partitions, replication factor.";

    @Spec
    CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates the missing topics; reports existing ones whose partitions or cleanup policy differ. "
                    + "Exit code 1 when any differs.")
    int create(@Option(names = "--config", required = true, description = CONFIG) Path config) {
        return withProvisioner(config, provisioner -> {
            TopicProvisioner.Report report = provisioner.provision(TopicCatalogue.ALL);
            PrintWriter out = spec.commandLine().getOut();
            report.created().forEach(t -> out.println("created   " + t));
            report.existing().forEach(t -> out.println("exists    " + t));
            report.mismatches().forEach(m -> out.println("DIFFERS   " + m));
            return report.mismatches().isEmpty() ? 0 : 1;
        });
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks that every topic exists with the expected partitions and cleanup policy. Exit code 1 when not.")
    int check(@Option(names = "--config", required = true, description = CONFIG) Path config) {
        return withProvisioner(config, provisioner -> {
            TopicProvisioner.Status status = provisioner.check(TopicCatalogue.ALL);
            PrintWriter out = spec.commandLine().getOut();
            status.existing().forEach(t -> out.println("ok        " + t));
            status.missing().forEach(t -> out.println("MISSING   " + t));
            status.mismatches().forEach(m -> out.println("DIFFERS   " + m));
            out.println(status.ok() ? "All " + status.existing().size() + " topics are in place."
                    : "Not in place; 'driftwatch topics create' creates missing topics (differences need an operator).");
            return status.ok() ? 0 : 1;
        });
    }

    private static int withProvisioner(Path config, Function<TopicProvisioner, Integer> action) {
        DriftwatchConfig settings = DriftwatchConfig.load(config, System.getenv());
        TopicCatalogue catalogue = TopicCatalogue.of(settings);
        try (Admin admin = Admin.create(settings.kafka())) {
            return action.apply(new TopicProvisioner(admin, catalogue, settings.topics().partitions(),
                    settings.topics().replicationFactor()));
        }
    }
}
