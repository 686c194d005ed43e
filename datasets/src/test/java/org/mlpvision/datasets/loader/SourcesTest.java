package org.mlpvision.datasets.loader;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.ade.AdeDataset;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.synth.AdeShapesWriter;
import org.mlpvision.datasets.synth.CocoShapesWriter;
import org.mlpvision.datasets.synth.SynthSpec;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.Pad;
import org.mlpvision.datasets.transform.Pipeline;
import org.mlpvision.datasets.transform.RandomCrop;
import org.mlpvision.datasets.transform.RandomFlip;
import org.mlpvision.datasets.transform.Resize;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.Core;

class SourcesTest {
  @TempDir Path tmp;

  @Test
  void cocoShapesLoadWithMasksAndCollateOntoAManager() {
    List<Path> files = CocoShapesWriter.write(new SynthSpec(tmp, 4, 0, 64, 48, 9));
    CocoInstances inst = new CocoInstances(CocoReader.read(files.get(0)), true, 0);
    Pipeline p =
        new Pipeline(
            List.of(
                new RandomFlip(0.5),
                Resize.fixed(128, 96),
                Normalize.imagenet(),
                Pad.toDivisor(32)));
    CocoSource src = new CocoSource(inst, tmp.resolve("train2017"), p, true);
    try (Sample s = src.load(0, new Random(1))) {
      assertThat(s.width()).isEqualTo(128);
      assertThat(s.height()).isEqualTo(96);
      assertThat(s.masks()).hasSize(s.labels().length);
      // Each mask keeps pixels inside its (resized) box.
      for (int k = 0; k < s.labels().length; k++) {
        assertThat(Core.countNonZero(s.masks().get(k))).isPositive();
      }
    }
    try (PrefetchLoader loader =
            new PrefetchLoader(src, new LoaderConfig(2, 2, 2, true, 0L, false, 32));
        NDManager manager = NDManager.newBaseManager()) {
      HostBatch hb = loader.epoch(0).next();
      assertThat(hb.masks().get(0)).hasSize(hb.labels().get(0).length * hb.height() * hb.width());
      assertThat(hb.ignoreBoxes()).hasSize(2);
      try (NDManager scope = manager.newSubManager()) {
        Batch b = hb.toDevice(scope);
        assertThat(b.images().getShape()).isEqualTo(new Shape(2, 3, 96, 128));
        assertThat(b.images().getDevice()).isEqualTo(manager.getDevice());
        assertThat(b.boxes().get(0).getShape().get(1)).isEqualTo(4);
        assertThat(b.labels().get(0).getDataType()).isEqualTo(DataType.INT64);
        assertThat(b.masks().get(0).getShape().get(0)).isEqualTo(b.labels().get(0).size());
        assertThat(b.labelMaps()).isNull();
      }
      assertThat(manager.getManagedArrays()).isEmpty();
    }
  }

  @Test
  void adeShapesLoadWithReducedLabelsAndIgnorePadding() {
    AdeShapesWriter.write(new SynthSpec(tmp, 2, 0, 48, 40, 4));
    Pipeline p =
        new Pipeline(
            List.of(
                new Resize(
                    List.of(new int[] {96, 32}), Resize.Mode.VALUE, new double[] {0.5, 2.0}, true),
                new RandomCrop(32, 32, 0.75, 255),
                new RandomFlip(0.5),
                Normalize.imagenet(),
                Pad.toSize(32, 32)));
    AdeSource src = new AdeSource(AdeDataset.open(tmp, "training", false), p, true);
    try (PrefetchLoader loader =
            new PrefetchLoader(src, new LoaderConfig(2, 1, 1, false, 0L, false, 32));
        NDManager manager = NDManager.newBaseManager()) {
      Batch b = loader.epoch(0).next().toDevice(manager);
      assertThat(b.labelMaps().getShape()).isEqualTo(new Shape(2, 32, 32));
      byte[] v = b.labelMaps().toByteArray();
      for (byte x : v) {
        int u = x & 0xff;
        // Raw values 1..21 become 0..20; 0 and padding become 255.
        assertThat(u == 255 || u <= 20).isTrue();
      }
    }
  }

  @Test
  void polygonModeScalesCoordinatesWithTheImage() {
    List<Path> files = CocoShapesWriter.write(new SynthSpec(tmp, 3, 0, 64, 48, 2));
    CocoInstances inst = new CocoInstances(CocoReader.read(files.get(0)), true, 0);
    CocoSource plain =
        new CocoSource(
            inst, tmp.resolve("train2017"), new Pipeline(List.of()), CocoSource.MaskMode.POLYGON);
    CocoSource doubled =
        new CocoSource(
            inst,
            tmp.resolve("train2017"),
            new Pipeline(List.of(Resize.fixed(128, 96))),
            CocoSource.MaskMode.POLYGON);
    try (Sample a = plain.load(0, new Random(0));
        Sample b = doubled.load(0, new Random(0))) {
      assertThat(a.polygons()).hasSize(a.labels().length);
      assertThat(a.masks()).isNull();
      for (int k = 0; k < a.polygons().size(); k++) {
        for (int p = 0; p < a.polygons().get(k).size(); p++) {
          double[] x = a.polygons().get(k).get(p);
          double[] y = b.polygons().get(k).get(p);
          for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isEqualTo(2 * x[i]);
          }
        }
      }
    }
  }

  @Test
  void missingAndMisSizedImagesNameTheImage() throws Exception {
    List<Path> files = CocoShapesWriter.write(new SynthSpec(tmp, 2, 0, 64, 48, 2));
    CocoInstances inst = new CocoInstances(CocoReader.read(files.get(0)), false, 0);
    java.nio.file.Files.delete(tmp.resolve("train2017/000000000001.jpg"));
    CocoSource src = new CocoSource(inst, tmp.resolve("train2017"), new Pipeline(List.of()), false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> src.load(0, new Random(0)))
        .isInstanceOf(org.mlpvision.datasets.DatasetException.class)
        .hasMessageContaining("000000000001.jpg")
        .hasMessageContaining("image 1")
        .hasMessageContaining("not found");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                org.mlpvision.datasets.coco.CocoStats.checkImages(
                    inst.dataset(), tmp.resolve("train2017")))
        .hasMessageContaining("image 1");
    java.nio.file.Files.copy(
        tmp.resolve("train2017/000000000002.jpg"), tmp.resolve("train2017/000000000001.jpg"));
    AdeShapesWriter.write(new SynthSpec(tmp.resolve("ade"), 1, 0, 30, 20, 1));
    java.nio.file.Files.copy(
        tmp.resolve("ade/images/training/ADE_train_00000001.jpg"),
        tmp.resolve("train2017/000000000001.jpg"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> src.load(0, new Random(0)))
        .hasMessageContaining("'width/height'")
        .hasMessageContaining("30x20");
  }
}
