package org.mlpvision.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.zoo.testing.TinyModels;

/** Each example runs on a tiny exported model and the synthetic images of its test data. */
class ExamplesTest {
  @TempDir static Path dir;

  static TinyModels detection;

  @BeforeAll
  static void export() throws Exception {
    detection = TinyModels.detection(dir.resolve("det"));
  }

  /** What {@code main} printed. */
  private static String run(ThrowingMain main, String... args) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(args);
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingMain {
    void run(String[] args) throws Exception;
  }

  @Test
  void detectObjectsDrawsEveryImageOfTheFolder() throws Exception {
    Path val = detection.workDir().resolve("coco-shapes/val2017");
    Path out = dir.resolve("drawn");
    String printed =
        run(
            DetectObjects::main,
            detection.model().path().toString(),
            val.toString(),
            out.toString(),
            "0");
    assertThat(printed).containsPattern("000000000001\\.jpg: [1-9]\\d* objects");
    for (int i = 1; i <= 3; i++) {
      BufferedImage png = ImageIO.read(out.resolve(String.format("%012d.png", i)).toFile());
      assertThat(png.getWidth()).isEqualTo(96);
      assertThat(png.getHeight()).isEqualTo(64);
    }
  }

  @Test
  void segmentScenePrintsClassSharesAndPaintsThem() throws Exception {
    TinyModels seg = TinyModels.segmentation(dir.resolve("seg"));
    Path image;
    try (var files = Files.list(seg.workDir().resolve("ade/images/validation"))) {
      image = files.sorted().findFirst().orElseThrow();
    }
    Path out = dir.resolve("scene.png");
    String printed =
        run(SegmentScene::main, seg.model().path().toString(), image.toString(), out.toString());
    double total = 0;
    for (String line : printed.strip().split("\n")) {
      total += Double.parseDouble(line.strip().replaceAll(".*\\s([\\d.]+)%$", "$1"));
    }
    assertThat(total).isBetween(99.5, 100.5);
    BufferedImage png = ImageIO.read(out.toFile());
    assertThat(png.getWidth()).isEqualTo(64);
  }

  @Test
  void similarImagesFindsAnImagesCopy() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("similar"));
    Path val = detection.workDir().resolve("coco-shapes/val2017");
    for (String f : new String[] {"000000000001.jpg", "000000000002.jpg", "000000000003.jpg"}) {
      Files.copy(val.resolve(f), folder.resolve(f));
    }
    Files.copy(val.resolve("000000000002.jpg"), folder.resolve("copy.jpg"));
    String printed =
        run(SimilarImages::main, detection.model().path().toString(), folder.toString());
    assertThat(printed).contains("copy.jpg -> 000000000002.jpg (1.0000)");
    assertThat(printed).contains("000000000002.jpg -> copy.jpg (1.0000)");
    assertThat(printed.strip().split("\n")).hasSize(4);
  }
}
