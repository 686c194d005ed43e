package org.mlpvision.spark.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCommitTest {
  @TempDir Path dir;

  private String part(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  @Test
  void jsonArrayPartsJoinIntoTheArrayOneWriterWouldHaveWritten() throws IOException {
    List<String> parts =
        List.of(part("0", "[{\"a\":1},{\"b\":2}]"), part("1", "[]"), part("2", "[{\"c\":3}]"));
    OutputCommit.jsonArrays(parts, dir.resolve("out.json").toString());
    assertThat(dir.resolve("out.json")).hasContent("[{\"a\":1},{\"b\":2},{\"c\":3}]");
    OutputCommit.jsonArrays(List.of(part("3", "[]")), dir.resolve("empty.json").toString());
    assertThat(dir.resolve("empty.json")).hasContent("[]");
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void linePartsJoinInOrderAndAPartThatIsNotAnArrayIsNamed() throws IOException {
    OutputCommit.lines(List.of(part("a", "x\n"), part("b", "y\nz\n")), dir.resolve("l").toString());
    assertThat(dir.resolve("l")).hasContent("x\ny\nz\n");
    String bad = part("bad", "{}");
    assertThatThrownBy(() -> OutputCommit.jsonArrays(List.of(bad), dir.resolve("o").toString()))
        .hasMessageContaining(bad);
  }
}
