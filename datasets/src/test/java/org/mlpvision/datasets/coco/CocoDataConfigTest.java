package org.mlpvision.datasets.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.datasets.DatasetException;

class CocoDataConfigTest {
  @TempDir Path tmp;

  @Test
  void pinsDefaults() {
    CocoDataConfig c =
        ConfigSource.of("c.json", "{\"ann_file\":\"a\",\"image_root\":\"b\"}")
            .as(CocoDataConfig.class);
    assertThat(c.skipInvalid()).isFalse();
    assertThat(c.filterEmptyGt()).isTrue();
    assertThat(c.minSize()).isEqualTo(32);
    assertThat(c.withMasks()).isTrue();
  }

  @Test
  void unknownKeysAreRejected() {
    assertThatThrownBy(
            () ->
                ConfigSource.of(
                        "c.json",
                        "{\"ann_file\":\"a\",\"image_root\":\"b\",\"skip_invalids\":true}")
                    .as(CocoDataConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("skip_invalids");
  }

  @Test
  void skipInvalidTwinSkipsBadAnnotations() throws Exception {
    Path ann = tmp.resolve("a.json");
    Files.writeString(
        ann,
        CocoReaderTest.doc(
            CocoReaderTest.ann("\"bbox\":[0,0,NaN,1]") + "," + CocoReaderTest.ann("\"id\":10")));
    String json =
        "{\"ann_file\":\""
            + ann
            + "\",\"image_root\":\""
            + tmp
            + "\",\"min_size\":0,\"skip_invalid\":%s}";
    CocoInstances ok =
        ConfigSource.of("c.json", json.formatted("true")).as(CocoDataConfig.class).open();
    assertThat(ok.dataset().annotations()).hasSize(1);
    assertThat(ok.dataset().skipped()).hasSize(1);
    assertThatThrownBy(
            () ->
                ConfigSource.of("c.json", json.formatted("false")).as(CocoDataConfig.class).open())
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("annotation 9");
  }

  @Test
  void polygonsFarOutsideTheImageAreRejected() {
    assertThatThrownBy(
            () ->
                CocoReaderTest.parse(
                    CocoReaderTest.doc(CocoReaderTest.ann("\"segmentation\":[[0,0,1e7,0,0,3]]")),
                    false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("'segmentation[0]': polygon coordinate far outside");
  }
}
