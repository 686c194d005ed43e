package org.mlpvision.datasets.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.coco.CocoAnnotation;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.coco.CocoStats;
import org.mlpvision.datasets.coco.Segmentation;

class CocoShapesWriterTest {
  @TempDir Path tmp;

  @Test
  void writesARealCocoSetWithEveryAnnotationForm() {
    List<Path> files = CocoShapesWriter.write(new SynthSpec(tmp, 9, 2, 96, 64, 5));
    CocoDataset d = CocoReader.read(files.get(0));
    assertThat(d.images()).hasSize(9);
    assertThat(d.categoryMap().size()).isEqualTo(4);
    assertThat(d.categoryMap().categoryId(3)).isEqualTo(9);
    List<CocoAnnotation> anns = d.annotations();
    assertThat(anns).anyMatch(CocoAnnotation::crowd);
    assertThat(anns).anyMatch(a -> a.segmentation() instanceof Segmentation.CompressedRle);
    assertThat(anns).anyMatch(a -> a.segmentation() instanceof Segmentation.CountsRle);
    assertThat(anns)
        .anyMatch(
            a -> a.segmentation() instanceof Segmentation.Polygons p && p.polygons().size() == 2);
    for (CocoAnnotation a : anns) {
      CocoImage im = d.image(a.imageId());
      assertThat(a.segmentation().toRle(im.height(), im.width()).area()).isEqualTo((long) a.area());
      assertThat(a.area()).isPositive();
    }
    assertThat(CocoStats.checkImages(d, tmp.resolve("train2017"))).isEqualTo(9);
    assertThat(CocoReader.read(files.get(1)).images()).hasSize(2);
  }

  @Test
  void sameSeedGivesIdenticalFilesAndAnotherSeedDiffers() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    CocoShapesWriter.write(new SynthSpec(a, 3, 0, 64, 48, 1));
    CocoShapesWriter.write(new SynthSpec(b, 3, 0, 64, 48, 1));
    CocoShapesWriter.write(new SynthSpec(c, 3, 0, 64, 48, 2));
    String ann = "annotations/instances_train2017.json";
    String img = "train2017/000000000002.jpg";
    assertThat(Files.readAllBytes(a.resolve(ann))).isEqualTo(Files.readAllBytes(b.resolve(ann)));
    assertThat(Files.readAllBytes(a.resolve(img))).isEqualTo(Files.readAllBytes(b.resolve(img)));
    assertThat(Files.readAllBytes(a.resolve(img))).isNotEqualTo(Files.readAllBytes(c.resolve(img)));
  }
}
