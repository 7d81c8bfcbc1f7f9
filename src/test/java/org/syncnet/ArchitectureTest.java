package org.syncnet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the tree readable, checked on the compiled classes: the protocol core and the chat are plain
 * Java (the container shells are the {@code service} packages, the WebSocket door's endpoint, {@code web},
 * {@code health} and {@code metrics}); only {@code metrics} and {@code web} know Micrometer; no package cycles; the doors do not know each other; dependencies point from the shells and doors
 * to the chat and the cluster, never back.
 */
class ArchitectureTest {
    /** Where Jakarta may be used: the thin shells around the plain-Java core. */
    private static final String[] CONTAINER_SHELLS = {
        "org.syncnet..service..", "org.syncnet.door.ws..", "org.syncnet.web..", "org.syncnet.health..",
        "org.syncnet.metrics.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.syncnet");
    }

    @Test
    void plainJavaCoreImportsNothingFromJakarta() {
        noClasses().that().resideInAPackage("org.syncnet..")
                .and().resideOutsideOfPackages(CONTAINER_SHELLS)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.ejb..", "javax.websocket..")
                .because("the protocol core, the chat and the IRC door's protocol are plain Java, tested without a container")
                .check(classes);
    }

    @Test
    void plainJavaCoreDoesNotReachIntoContainerShells() {
        noClasses().that().resideInAPackage("org.syncnet..")
                .and().resideOutsideOfPackages(CONTAINER_SHELLS)
                .should().dependOnClassesThat().resideInAnyPackage(CONTAINER_SHELLS)
                .because("the shells wire the core together; the core reaches them only through its own interfaces")
                .check(classes);
    }

    @Test
    void onlyTheMetricsAndTheirViewKnowMicrometer() {
        noClasses().that().resideInAPackage("org.syncnet..")
                .and().resideOutsideOfPackages("org.syncnet.metrics..", "org.syncnet.web..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("the core only counts (or hands time stamps to a hook); the metrics package binds the meters")
                .check(classes);
    }

    @Test
    void clusterCoreReadsNoClockAndOpensNoSocket() {
        noClasses().that().resideInAPackage("org.syncnet.cluster..")
                .and().resideOutsideOfPackage("org.syncnet.cluster.service..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..")
                .because("time comes in as ticks and datagrams through the driver, so simulations are deterministic")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.syncnet.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void doorsDoNotImportEachOther() {
        noClasses().that().resideInAPackage("org.syncnet.door.ws..")
                .should().dependOnClassesThat().resideInAPackage("org.syncnet.door.irc..")
                .check(classes);
        noClasses().that().resideInAPackage("org.syncnet.door.irc..")
                .should().dependOnClassesThat().resideInAPackage("org.syncnet.door.ws..")
                .check(classes);
    }

    @Test
    void chatAndClusterDoNotDependOnDoorsOrWeb() {
        noClasses().that().resideInAnyPackage("org.syncnet.chat..", "org.syncnet.cluster..", "org.syncnet.history..",
                        "org.syncnet.settings..", "org.syncnet.tls..")
                .should().dependOnClassesThat().resideInAnyPackage("org.syncnet.door..", "org.syncnet.web..",
                        "org.syncnet.metrics..")
                .check(classes);
    }

    @Test
    void clusterKnowsNothingOfTheChat() {
        noClasses().that().resideInAPackage("org.syncnet.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.syncnet.chat..", "org.syncnet.history..")
                .check(classes);
    }
}
