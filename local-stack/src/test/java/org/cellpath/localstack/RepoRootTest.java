package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRootTest {

  @Test
  void findsTheNearestDirectoryAboveThatHoldsMvnw(@TempDir Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("checkout"));
    Files.createFile(root.resolve("mvnw"));
    Path deep = Files.createDirectories(root.resolve("local-stack/target/classes"));

    assertThat(RepoRoot.findFrom(deep)).contains(root);
    assertThat(RepoRoot.findFrom(root)).contains(root);
  }

  @Test
  void ignoresADirectoryNamedMvnw(@TempDir Path tmp) throws IOException {
    Path start = Files.createDirectories(tmp.resolve("a/mvnw/b"));

    assertThat(RepoRoot.findFrom(start)).isEmpty();
  }

  @Test
  void findsThisCheckoutFromTheModuleDirectory() {
    // Surefire runs in local-stack/, one level below the root that holds mvnw.
    assertThat(RepoRoot.find().resolve("local-stack")).isDirectory();
  }
}
