package io.driftwatch.app;

import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** The {@code driftwatch} command line. Exit codes: 0 ok, 1 runtime failure, 2 usage, configuration or input error. */
@Command(name = "driftwatch", mixinStandardHelpOptions = true, version = "driftwatch 0.1.0",
        description = "Kafka-native monitoring of machine-learning models: metrics, drift, alerts and retraining triggers.",
        subcommands = {DemoCommand.class, RunCommand.class, SimulateCommand.class, ProfileCommand.class, TopicsCommand.class,
                TailCommand.class, AclsCommand.class})
public final class Driftwatch implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Driftwatch's exit codes for usage and configuration errors. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Driftwatch());
        commandLine.setExitCodeExceptionMapper(e -> e instanceof ConfigException || e instanceof ParameterException
                || e instanceof IllegalArgumentException ? 2 : 1);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("driftwatch: " + e.getMessage());
            return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
        return commandLine;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
