package io.driftwatch.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/architecture.md describes, checked on the compiled main classes: schemas ←
 * runtime ← the four processors ← app, the processors apart, and their maths and rules packages
 * free of Kafka (bad configuration is reported with Kafka's {@link ConfigException} everywhere,
 * the one Kafka class they may name).
 */
class ArchitectureTest {

    private static final String[] PROCESSORS = {"io.driftwatch.ingest..", "io.driftwatch.metrics..",
            "io.driftwatch.drift..", "io.driftwatch.alerting.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.driftwatch");
    }

    @Test
    void mathsAndRulesPackagesShouldNotUseKafka() {
        noClasses().that().resideInAnyPackage("io.driftwatch.ingest.contract..", "io.driftwatch.ingest.join..",
                        "io.driftwatch.ingest.validation..", "io.driftwatch.metrics.estimation..",
                        "io.driftwatch.metrics.summary..", "io.driftwatch.drift.stats..", "io.driftwatch.drift.concept..",
                        "io.driftwatch.drift.data..", "io.driftwatch.drift.profile..", "io.driftwatch.alerting.rules..",
                        "io.driftwatch.alerting.lifecycle..", "io.driftwatch.alerting.triggers..")
                .should().dependOnClassesThat(resideInAPackage("org.apache.kafka..")
                        .and(not(equivalentTo(ConfigException.class))))
                .check(classes);
    }

    @Test
    void processorModulesShouldNotUseEachOther() {
        for (String processor : PROCESSORS) {
            List<String> others = new ArrayList<>(List.of(PROCESSORS));
            others.remove(processor);
            noClasses().that().resideInAPackage(processor)
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void runtimeShouldNotUseAProcessorAndSchemasNeitherRuntimeNorAProcessor() {
        noClasses().that().resideInAPackage("io.driftwatch.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage(PROCESSORS)
                .check(classes);
        List<String> aboveSchemas = new ArrayList<>(List.of(PROCESSORS));
        aboveSchemas.add("io.driftwatch.runtime..");
        aboveSchemas.add("io.driftwatch.app..");
        noClasses().that().resideInAnyPackage("io.driftwatch.schemas..", "io.driftwatch.events..")
                .should().dependOnClassesThat().resideInAnyPackage(aboveSchemas.toArray(String[]::new))
                .check(classes);
    }
}
