package org.mlpvision.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.cli.CliRun;

/** {@code vision dataset info} in-process on tiny files. */
class DatasetInfoCommandTest {
  @TempDir Path dir;

  @Test
  void boxesReachingOutsideTheImageAreCountedAsPycocotoolsReadsThem() throws Exception {
    Path ann = dir.resolve("ann.json");
    Files.writeString(
        ann,
        """
        {"images": [{"id": 1, "file_name": "a.jpg", "width": 20, "height": 10}],
         "categories": [{"id": 3, "name": "kite"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 3, "bbox": [-4.5, -2, 10, 6], "area": 60},
           {"id": 2, "image_id": 1, "category_id": 3, "bbox": [15, 6, 9, 7], "area": 63}]}
        """);
    CliRun r = CliRun.run("dataset", "info", "--format", "coco", "--ann", ann.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"annotations\" : 2").contains("\"instances\" : 2");
  }
}
