package io.friendchat.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of the hexagon, checked on the compiled code of every
 * module: the core knows no framework, nothing depends outward, and adapters
 * never know each other.
 */
class ArchitectureTest {

    static final String[] FRAMEWORKS = {
            "org.hibernate..", "jakarta.persistence..", "org.glassfish.jersey..", "jakarta.ws.rs..",
            "jakarta.websocket..", "org.glassfish.tyrus..", "org.glassfish.grizzly..", "com.fasterxml.jackson..",
            "com.auth0..", "com.zaxxer..", "org.flywaydb..", "org.h2..", "org.postgresql..", "java.sql..",
            "javax.sql..", "io.lettuce..", "io.micrometer.."};

    static final ArchRule CORE_KNOWS_NO_FRAMEWORK = noClasses()
            .that().resideInAnyPackage("io.friendchat.domain..", "io.friendchat.application..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .because("the domain and the use cases are plain Java; frameworks live in adapters");

    static final ArchRule DOMAIN_DEPENDS_ON_NOTHING_OUTWARD = noClasses()
            .that().resideInAPackage("io.friendchat.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.friendchat.application..", "io.friendchat.adapter..", "io.friendchat.bootstrap..")
            .because("the domain is the centre of the hexagon");

    static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN = noClasses()
            .that().resideInAPackage("io.friendchat.application..")
            .should().dependOnClassesThat().resideInAnyPackage("io.friendchat.adapter..", "io.friendchat.bootstrap..")
            .because("use cases reach the world through the domain's ports only");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_EACH_OTHER = slices()
            .matching("io.friendchat.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("only the bootstrap knows every adapter");

    static final ArchRule NOTHING_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage("io.friendchat.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.friendchat.bootstrap..")
            .because("the bootstrap is the outermost ring");

    static final ArchRule ONLY_THE_BOOTSTRAP_KNOWS_MICROMETER = noClasses()
            .that().resideOutsideOfPackage("io.friendchat.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("metrics are wired in the bootstrap; adapters offer plain-Java hooks for them");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.friendchat");
    }

    @Test
    void theCoreImportsNoFramework() {
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("io.friendchat.domain")))
                .as("the domain's classes were imported").isTrue();
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("io.friendchat.adapter.rest")))
                .as("the adapters' classes were imported").isTrue();
        CORE_KNOWS_NO_FRAMEWORK.check(production);
    }

    @Test
    void theDomainDependsOnNothingOutward() {
        DOMAIN_DEPENDS_ON_NOTHING_OUTWARD.check(production);
    }

    @Test
    void theApplicationDependsOnTheDomainOnly() {
        APPLICATION_DEPENDS_ONLY_ON_DOMAIN.check(production);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(production);
    }

    @Test
    void nothingDependsOnTheBootstrap() {
        NOTHING_DEPENDS_ON_BOOTSTRAP.check(production);
    }

    @Test
    void onlyTheBootstrapKnowsMicrometer() {
        ONLY_THE_BOOTSTRAP_KNOWS_MICROMETER.check(production);
    }

    /** Each rule is shown to bite on a deliberately bad class, so none can pass forever by mistake. */
    @Test
    void everyRuleFailsOnAViolation() {
        JavaClasses violations = new ClassFileImporter().importClasses(
                io.friendchat.domain.violation.DomainImportingJaxRs.class,
                io.friendchat.application.violation.UseCaseImportingPersistence.class,
                io.friendchat.adapter.rest.violation.RestImportingWebSocket.class,
                io.friendchat.adapter.websocket.violation.SocketsCountedWithMicrometer.class,
                io.friendchat.adapter.websocket.WebSocketSettings.class,
                io.friendchat.adapter.persistence.DatabaseSettings.class,
                ServerConfig.class);
        assertThat(CORE_KNOWS_NO_FRAMEWORK.evaluate(violations).hasViolation()).isTrue();
        assertThat(DOMAIN_DEPENDS_ON_NOTHING_OUTWARD.evaluate(violations).hasViolation()).isTrue();
        assertThat(APPLICATION_DEPENDS_ONLY_ON_DOMAIN.evaluate(violations).hasViolation()).isTrue();
        assertThat(ADAPTERS_DO_NOT_KNOW_EACH_OTHER.evaluate(violations).hasViolation()).isTrue();
        assertThat(NOTHING_DEPENDS_ON_BOOTSTRAP.evaluate(violations).hasViolation()).isTrue();
        assertThat(ONLY_THE_BOOTSTRAP_KNOWS_MICROMETER.evaluate(violations).hasViolation()).isTrue();
    }
}
