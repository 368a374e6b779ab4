package dev.gatehouse.stage.dummy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A stage is one package plus its line in the registry: no main-code file outside {@code stage/dummy} (Java or
 * template) names that package, except the stage type registry (a service file listing the types).
 */
class DummyStageIsOnePackageTest {
    private static final Path MAIN = Path.of("src/main");
    private static final Path PACKAGE = Path.of("src/main/java/dev/gatehouse/stage/dummy");

    @Test
    void onlyTheRegistryNamesTheDummyPackage() throws IOException {
        List<Path> naming;
        try (Stream<Path> files = Files.walk(MAIN)) {
            naming = files.filter(Files::isRegularFile).filter(f -> !f.startsWith(PACKAGE))
                    .filter(f -> read(f).contains("dev.gatehouse.stage.dummy")).toList();
        }
        assertThat(naming).containsExactly(Path.of("src/main/resources/META-INF/services/dev.gatehouse.flow.engine.StageType"));
        assertThat(read(naming.getFirst()).lines().filter(l -> l.contains("Dummy")).count())
                .as("its line in the registry").isEqualTo(1);
        try (Stream<Path> files = Files.list(PACKAGE)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).contains("dummy.jte", "DummyStageType.java");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // binary resources cannot name a package
        }
    }
}
