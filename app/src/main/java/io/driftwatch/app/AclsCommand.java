package io.driftwatch.app;

import io.driftwatch.runtime.config.DriftwatchConfig;
import io.driftwatch.runtime.kafka.KafkaPreflight;
import io.driftwatch.runtime.kafka.ProcessorAcls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch acls}: the least ACLs {@code driftwatch run} needs, as {@code kafka-acls} commands. */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = "Prints the kafka-acls commands that give a principal exactly what `driftwatch run` needs under a "
                + "configuration, read off the processors' topologies (docs/security.md). Reads the inputs' partition "
                + "count from the cluster, so the configuration's Kafka user must be able to describe them.")
final class AclsCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The YAML configuration that `driftwatch run` will use.")
    Path config;

    @Option(names = "--principal", defaultValue = "User:driftwatch",
            description = "The principal Driftwatch authenticates as (default: ${DEFAULT-VALUE}).")
    String principal;

    @Option(names = "--only", split = ",", description = "Only for these applications: pipeline, alerting (the default), "
            + "ingest, metrics, drift.")
    List<String> only = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DriftwatchConfig settings = DriftwatchConfig.load(config, System.getenv());
        Pipeline.validate(settings, Pipeline.processors(only));
        QuietLogger.during(QuietLogger.KAFKA_CONNECTIONS,
                () -> KafkaPreflight.check(settings.kafka(), Duration.ofSeconds(30)));
        Pipeline.acls(principal, settings, only).forEach(acl -> spec.commandLine().getOut().println(ProcessorAcls.command(acl)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
