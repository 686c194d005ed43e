package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.datasets.DatasetException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class ImageFilesTest {
  @TempDir Path tmp;

  @Test
  void readsBgrAsDecodedOrRgbOnRequest() {
    OpenCvRuntime.ensureLoaded();
    Path png = tmp.resolve("c.png");
    Mat m = new Mat(2, 3, CvType.CV_8UC3, new Scalar(10, 20, 30));
    ImageFiles.write(png, m, 95);
    m.release();
    Mat bgr = ImageFiles.readColor(png, "image c", false);
    Mat rgb = ImageFiles.readColor(png, "image c", true);
    assertThat(bgr.get(1, 2)).containsExactly(10, 20, 30);
    assertThat(rgb.get(1, 2)).containsExactly(30, 20, 10);
    bgr.release();
    rgb.release();
  }

  @Test
  void colourPngIsNotALabelMapAndGarbageDoesNotDecode() throws Exception {
    OpenCvRuntime.ensureLoaded();
    Path png = tmp.resolve("c.png");
    Mat m = new Mat(2, 3, CvType.CV_8UC3, new Scalar(1, 2, 3));
    ImageFiles.write(png, m, 95);
    m.release();
    assertThatThrownBy(() -> ImageFiles.readLabels(png, "image c"))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("single-channel");
    Path bad = tmp.resolve("bad.jpg");
    Files.writeString(bad, "not a jpeg");
    assertThatThrownBy(() -> ImageFiles.readBgr(bad, "image 9"))
        .hasMessageContaining("bad.jpg: image 9: cannot decode image");
  }
}
