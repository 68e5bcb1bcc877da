package com.imagecogni.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering the README draws, checked on the compiled main classes: no cycles between the top-level
 * packages, {@code pipeline}, {@code queue}, {@code storage} and {@code outbound} at the bottom (they use none of the
 * service's other packages), and nothing uses a REST resource (resources are the top layer).
 */
class PackageDependenciesTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.imagecogni");
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("com.imagecogni.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void pipelineIsAtTheBottom() {
        noClasses().that().resideInAPackage("com.imagecogni.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("com.imagecogni.account..", "com.imagecogni.common..",
                        "com.imagecogni.configuration..", "com.imagecogni.dashboard..", "com.imagecogni.delivery..",
                        "com.imagecogni.job..", "com.imagecogni.ops..", "com.imagecogni.tools..")
                .check(main);
    }

    @Test
    void queueStatesAreAtTheBottom() {
        noClasses().that().resideInAPackage("com.imagecogni.queue..")
                .should().dependOnClassesThat().resideInAnyPackage("com.imagecogni.account..", "com.imagecogni.common..",
                        "com.imagecogni.configuration..", "com.imagecogni.dashboard..", "com.imagecogni.delivery..",
                        "com.imagecogni.job..", "com.imagecogni.ops..", "com.imagecogni.pipeline..",
                        "com.imagecogni.tools..")
                .check(main);
    }

    @Test
    void storageIsAtTheBottom() {
        noClasses().that().resideInAPackage("com.imagecogni.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("com.imagecogni.account..", "com.imagecogni.common..",
                        "com.imagecogni.configuration..", "com.imagecogni.dashboard..", "com.imagecogni.delivery..",
                        "com.imagecogni.job..", "com.imagecogni.ops..", "com.imagecogni.pipeline..",
                        "com.imagecogni.queue..", "com.imagecogni.tools..")
                .check(main);
    }

    @Test
    void outboundIsAtTheBottom() {
        // the URL and address rules, and the fetcher, take what they need as parameters: postbacks and sources share them
        noClasses().that().resideInAPackage("com.imagecogni.outbound..")
                .should().dependOnClassesThat().resideInAnyPackage("com.imagecogni.account..", "com.imagecogni.common..",
                        "com.imagecogni.configuration..", "com.imagecogni.dashboard..", "com.imagecogni.delivery..",
                        "com.imagecogni.job..", "com.imagecogni.ops..", "com.imagecogni.pipeline..",
                        "com.imagecogni.queue..", "com.imagecogni.storage..", "com.imagecogni.tools..")
                .check(main);
    }

    @Test
    void nothingUsesAResource() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource")
                .check(main);
    }
}
