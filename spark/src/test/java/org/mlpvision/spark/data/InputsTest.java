package org.mlpvision.spark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;

  private Path touch(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "x");
  }

  @Test
  void aFolderListsItsImagesRecursivelySortedWithNumericStemsAsIds() throws IOException {
    touch("b/000000000042.jpg");
    touch("a/7.PNG");
    touch("notes.txt");
    InputSet set = Inputs.resolve(dir.toString(), null);
    assertThat(set.kind()).isEqualTo(InputSet.Kind.IMAGES);
    assertThat(set.images())
        .extracting(ImageRecord::id)
        .containsExactly("a/7.PNG", "b/000000000042.jpg");
    assertThat(set.images()).extracting(ImageRecord::cocoId).containsExactly(7L, 42L);
    assertThat(set.images().get(0).path()).endsWith("/a/7.PNG");
  }

  @Test
  void otherStemsArePositionsAndAListResolvesAgainstItsFolder() throws IOException {
    touch("x/cat.jpg");
    Path absolute = touch("dog.jpg");
    Path list =
        Files.write(
            dir.resolve("x/list.txt"), List.of("# images", "cat.jpg", "", absolute.toString()));
    InputSet set = Inputs.resolve(list.toString(), null);
    assertThat(set.images())
        .extracting(ImageRecord::id)
        .containsExactly("cat.jpg", absolute.toString());
    assertThat(set.images()).extracting(ImageRecord::cocoId).containsExactly(1L, 2L);
    assertThat(set.images().get(0).path()).isEqualTo(dir.resolve("x/cat.jpg").toString());
    assertThat(set.images().get(1).path()).isEqualTo(absolute.toString());
  }

  @Test
  void anAde20kFolderPairsEachImageWithItsLabelMapOrNamesTheMissingOne() throws IOException {
    touch("ade/images/validation/ADE_val_1.jpg");
    touch("ade/annotations/validation/ADE_val_1.png");
    InputSet set = Inputs.resolve(dir.resolve("ade").toString(), null);
    assertThat(set.kind()).isEqualTo(InputSet.Kind.ADE20K);
    assertThat(set.images().get(0).id()).isEqualTo("ADE_val_1");
    assertThat(set.images().get(0).groundTruth()).endsWith("annotations/validation/ADE_val_1.png");
    touch("ade/images/validation/ADE_val_2.jpg");
    assertThatThrownBy(() -> Inputs.resolve(dir.resolve("ade").toString(), null))
        .hasMessageContaining("ADE_val_2.png")
        .hasMessageContaining("missing");
  }

  @Test
  void badInputsAreNamed() throws IOException {
    assertThatThrownBy(() -> Inputs.resolve(dir.resolve("nope").toString(), null))
        .hasMessageContaining("nope: no such file or folder");
    Path ann = touch("instances.json");
    assertThatThrownBy(() -> Inputs.resolve(ann.toString(), null)).hasMessageContaining("--images");
    touch("imgs/a.jpg");
    assertThatThrownBy(() -> Inputs.resolve(dir.resolve("imgs").toString(), "root"))
        .hasMessageContaining("is not one");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> Inputs.resolve(dir.resolve("empty").toString(), null))
        .hasMessageContaining("no images");
  }
}
