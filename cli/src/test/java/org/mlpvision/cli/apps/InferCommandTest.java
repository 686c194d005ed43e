package org.mlpvision.cli.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.zoo.testing.TinyModels;
import org.opencv.core.Mat;

/**
 * {@code vision infer} on the tiny detection model: the COCO results of {@code vision test},
 * pictures at the original size, and bad images reported by name and skipped.
 */
class InferCommandTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static Path val;

  @BeforeAll
  static void export() throws Exception {
    tiny = TinyModels.detection(dir.resolve("tiny"));
    val = tiny.workDir().resolve("coco-shapes/val2017");
  }

  @Test
  void givesTheResultsOfVisionTestAndPicturesAtTheOriginalSize() throws Exception {
    Path tested = dir.resolve("test.json");
    CliRun test = CliRun.test(tiny.recipe(), tiny.checkpoint(), "--out", tested.toString());
    assertThat(test.exitCode()).as(test.err()).isZero();
    Path out = dir.resolve("infer");
    CliRun infer = CliRun.infer(tiny.model().path(), val, out);
    assertThat(infer.exitCode()).as(infer.err()).isZero();
    assertThat(infer.out()).contains("3 images predicted", "0 skipped");
    // The synthetic file names are the image ids, so both files number images alike.
    assertThat(TinyModels.resultsByImage(out.resolve("results.json")))
        .isEqualTo(TinyModels.resultsByImage(tested));
    assertThat(ConfigLoader.readTree(out.resolve("images.json")).get(0).get("file_name").asText())
        .isEqualTo("000000000001.jpg");
    for (int id = 1; id <= 3; id++) {
      Mat png = ImageFiles.readBgr(out.resolve(String.format("%012d.png", id)), "painted");
      assertThat(png.cols()).isEqualTo(96);
      assertThat(png.rows()).isEqualTo(64);
      png.release();
    }
  }

  @Test
  void aRecipeWithItsCheckpointRunsLikeItsExport() throws Exception {
    Path out = dir.resolve("from-recipe");
    Path image = val.resolve("000000000002.jpg");
    CliRun infer =
        CliRun.infer(tiny.recipe(), image, out, "--checkpoint", tiny.checkpoint().toString());
    assertThat(infer.exitCode()).as(infer.err()).isZero();
    Path fromDir = dir.resolve("from-dir");
    CliRun.infer(tiny.model().path(), image, fromDir);
    assertThat(TinyModels.resultsByImage(out.resolve("results.json")))
        .isEqualTo(TinyModels.resultsByImage(fromDir.resolve("results.json")));
    CliRun missing = CliRun.infer(tiny.recipe(), val, out);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("is a recipe: give its --checkpoint");
  }

  @Test
  void aCorruptAndAnOversizedImageAreReportedByNameAndTheRestFinishes() throws Exception {
    Path in = dir.resolve("mixed");
    Files.createDirectories(in);
    Files.copy(val.resolve("000000000001.jpg"), in.resolve("a.jpg"));
    Files.writeString(in.resolve("b_corrupt.jpg"), "not an image");
    Files.write(in.resolve("c_huge.png"), pngHeader(100_000, 100_000));
    Files.copy(val.resolve("000000000003.jpg"), in.resolve("d.jpg"));
    Path out = dir.resolve("mixed-out");
    CliRun infer = CliRun.infer(tiny.model().path(), in, out);
    assertThat(infer.exitCode()).as(infer.err()).isZero();
    assertThat(infer.out()).contains("2 images predicted", "2 skipped");
    assertThat(infer.err())
        .contains("skipped " + in.resolve("b_corrupt.jpg") + ": ")
        .contains("cannot decode image")
        .contains("skipped " + in.resolve("c_huge.png") + ": ")
        .contains("decompression bomb");
    assertThat(out.resolve("a.png")).exists();
    assertThat(out.resolve("d.png")).exists();
    assertThat(out.resolve("b_corrupt.png")).doesNotExist();
    assertThat(out.resolve("c_huge.png")).doesNotExist();
    // Positions in input order are the ids when the names are not numbers.
    assertThat(TinyModels.resultsByImage(out.resolve("results.json")).keySet())
        .containsExactly(1L, 4L);
  }

  /** A PNG signature and IHDR chunk declaring {@code w x h}, with no pixel data. */
  private static byte[] pngHeader(int w, int h) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(chunk);
    c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
    c.writeInt(w);
    c.writeInt(h);
    c.write(new byte[] {8, 2, 0, 0, 0});
    out.writeInt(13);
    out.write(chunk.toByteArray());
    CRC32 crc = new CRC32();
    crc.update(chunk.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
