package io.friendchat.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code friendchat} launcher as an operator runs it: a copy of the built script and jar side by side, run
 * directly (a lost execute bit fails here). Its first start trains a class-data archive, later starts map it, a
 * rebuilt jar gets a new one, a failed training is remembered and never blocks the start, and the short commands
 * and {@code FRIENDCHAT_CDS=0} skip all of it.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static final String TRAINING = "preparing a class-data archive";
    private static final String TRAINING_FAILED = "its training failed";
    /** The archive flags of JDK 17 to 24 (AppCDS) and of JDK 25 and newer (AOT cache). */
    private static final List<String> USING_AN_ARCHIVE = List.of("-XX:SharedArchiveFile=", "-XX:AOTCache=");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path install;
    private Path script;
    private Path jar;

    @BeforeEach
    void installBesideEachOther() throws IOException {
        Path built = ServerProcess.jar();
        jar = Files.copy(built, install.resolve("chat-server.jar"));
        script = Files.copy(built.resolveSibling("friendchat"), install.resolve("friendchat"),
                StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void theFirstStartTrainsAnArchiveThatLaterStartsMapAndARebuiltJarGetsItsOwn() throws Exception {
        String first = serveAndStop(settings(ServerProcess.javaBinary()),
                arguments -> assertThat(arguments).anyMatch(LauncherIT::usesAnArchive));
        assertThat(first).contains(TRAINING);
        List<Path> trained = archives();
        assertThat(trained).hasSize(1);
        assertThat(Files.size(trained.get(0))).isGreaterThan(1_000_000);

        String second = serveAndStop(settings(ServerProcess.javaBinary()),
                arguments -> assertThat(arguments).anyMatch(LauncherIT::usesAnArchive));
        assertThat(second).doesNotContain(TRAINING);
        assertThat(archives()).isEqualTo(trained);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(2)));
        String rebuilt = serveAndStop(settings(ServerProcess.javaBinary()),
                arguments -> assertThat(arguments).anyMatch(LauncherIT::usesAnArchive));
        assertThat(rebuilt).contains(TRAINING);
        List<Path> renewed = archives();
        assertThat(renewed).hasSize(1).doesNotContainAnyElementsOf(trained);
    }

    @Test
    void aFailedTrainingStillStartsTheServerAndIsNotRetried() throws Exception {
        Path java = javaThatRefusesToRecord();

        String first = serveAndStop(settings(java.toString()),
                arguments -> assertThat(arguments).noneMatch(LauncherIT::usesAnArchive));
        assertThat(first).contains(TRAINING).contains("could not prepare the archive");
        assertThat(archives()).isEmpty();
        assertThat(failedMarks()).hasSize(1);
        assertThat(Files.readString(failedMarks().get(0))).contains("refusing to record");

        String second = serveAndStop(settings(java.toString()),
                arguments -> assertThat(arguments).noneMatch(LauncherIT::usesAnArchive));
        assertThat(second).doesNotContain(TRAINING).contains(TRAINING_FAILED);
        assertThat(archives()).isEmpty();
    }

    @Test
    void helpIsTheServersUsageAtOnceWithoutTraining() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--help").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("FRIENDCHAT_"));
        builder.environment().put("JAVA", ServerProcess.javaBinary());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage:").doesNotContain(TRAINING);
        assertThat(archives()).isEmpty();
    }

    @Test
    void cdsZeroStartsPlainlyWithoutAnArchive() throws Exception {
        Map<String, String> settings = settings(ServerProcess.javaBinary());
        settings.put("FRIENDCHAT_CDS", "0");

        String output = serveAndStop(settings,
                arguments -> assertThat(arguments).noneMatch(LauncherIT::usesAnArchive));

        assertThat(output).doesNotContain(TRAINING);
        assertThat(archives()).isEmpty();
        assertThat(failedMarks()).isEmpty();
    }

    /** Starts through the launcher, checks the JVM's flags and /health, stops with SIGTERM; returns the output. */
    private String serveAndStop(Map<String, String> settings, Consumer<List<String>> checkJvmArguments) throws Exception {
        try (ServerProcess server = ServerProcess.launch(script, settings)) {
            checkJvmArguments.accept(server.jvmArguments());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.baseUri().resolve("health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(server.output()).isEqualTo(200);
            return server.output();
        }
    }

    private Map<String, String> settings(String java) {
        Map<String, String> settings = new HashMap<>();
        settings.put("JAVA", java);
        settings.put("FRIENDCHAT_JAVA_OPTS", "-Xmx256m");
        settings.put("CHAT_DB_URL", "jdbc:h2:file:" + install.resolve("data").resolve("chat"));
        return settings;
    }

    /** A java that fails any start asked to record an archive, and is the real one otherwise. */
    private Path javaThatRefusesToRecord() throws IOException {
        Path bin = Files.createDirectories(install.resolve("refusing-jdk").resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for argument in "$@"; do
                  case $argument in
                    -XX:ArchiveClassesAtExit* | -XX:AOTCacheOutput*) echo "refusing to record an archive" >&2; exit 1 ;;
                  esac
                done
                exec "%s" "$@"
                """.formatted(ServerProcess.javaBinary()));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return java;
    }

    private static boolean usesAnArchive(String argument) {
        return USING_AN_ARCHIVE.stream().anyMatch(argument::startsWith);
    }

    private List<Path> archives() throws IOException {
        return besideTheJar(".jsa", ".aot");
    }

    private List<Path> failedMarks() throws IOException {
        return besideTheJar(".failed");
    }

    private List<Path> besideTheJar(String... endings) throws IOException {
        try (Stream<Path> files = Files.list(install)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith("chat-server.") && Stream.of(endings).anyMatch(name::endsWith);
            }).sorted().toList();
        }
    }
}
