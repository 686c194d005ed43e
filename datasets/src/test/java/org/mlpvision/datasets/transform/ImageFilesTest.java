package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.TestImages;
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

  @Test
  void palettePngLabelMapsGiveTheirIndicesAsPillowDoes() throws Exception {
    OpenCvRuntime.ensureLoaded();
    int[][] indices = {{0, 1, 2, 150}, {255, 3, 0, 7}};
    Mat m = ImageFiles.readLabels(TestImages.palettePng(tmp.resolve("voc.png"), 8, indices), "x");
    byte[] raw = new byte[8];
    m.get(0, 0, raw);
    m.release();
    assertThat(raw).containsExactly(0, 1, 2, (byte) 150, (byte) 255, 3, 0, 7);
    Mat four =
        ImageFiles.readLabels(
            TestImages.palettePng(tmp.resolve("p4.png"), 4, new int[][] {{15, 0, 9}}), "y");
    byte[] small = new byte[3];
    four.get(0, 0, small);
    four.release();
    assertThat(small).containsExactly(15, 0, 9);
    // As a colour image the same file is its palette colours, as OpenCV decodes it.
    Mat colour = ImageFiles.readBgr(tmp.resolve("voc.png"), "x");
    assertThat(colour.channels()).isEqualTo(3);
    colour.release();
  }

  @Test
  void anImageDeclaringTwentyThousandSquaredIsRefusedFromItsHeader() throws Exception {
    Path bomb = TestImages.declaredPng(tmp.resolve("bomb.png"), 20000, 20000);
    assertThat(Files.size(bomb)).isLessThan(1000);
    for (ThrowingCallable read :
        new ThrowingCallable[] {
          () -> ImageFiles.readBgr(bomb, "image 1"), () -> ImageFiles.readLabels(bomb, "image 1")
        }) {
      assertThatThrownBy(read)
          .isInstanceOf(DatasetException.class)
          .hasMessageStartingWith(bomb + ": image 1: ")
          .hasMessageContaining("20000x20000 = 400000000 pixels")
          .hasMessageContaining("decompression bomb");
    }
  }

  @Test
  void theLimitIsPillowsByDefaultAndConfigurable() throws Exception {
    long pillow = 89_478_485L;
    assertThat(ImageLimits.maxPixels()).isEqualTo(pillow);
    assertThat(ImageLimits.verdict(pillow)).isEqualTo(ImageLimits.Verdict.READ);
    assertThat(ImageLimits.verdict(pillow + 1)).isEqualTo(ImageLimits.Verdict.WARN);
    assertThat(ImageLimits.verdict(2 * pillow)).isEqualTo(ImageLimits.Verdict.WARN);
    assertThat(ImageLimits.verdict(2 * pillow + 1)).isEqualTo(ImageLimits.Verdict.REFUSE);
    OpenCvRuntime.ensureLoaded();
    ImageLimits.setMaxPixels(100);
    try {
      for (String ext : new String[] {"png", "jpg", "ppm"}) {
        Path warned = tmp.resolve("w." + ext);
        Path refused = tmp.resolve("r." + ext);
        ImageFiles.write(warned, new Mat(12, 12, CvType.CV_8UC3, new Scalar(1, 2, 3)), 95);
        ImageFiles.write(refused, new Mat(15, 14, CvType.CV_8UC3, new Scalar(1, 2, 3)), 95);
        Mat m = ImageFiles.readBgr(warned, "w");
        assertThat(m.rows()).isEqualTo(12);
        m.release();
        // PPM has no header reader here: it is checked after decoding, with the same verdict.
        assertThatThrownBy(() -> ImageFiles.readBgr(refused, "r"))
            .as(ext)
            .hasMessageContaining("14x15 = 210 pixels")
            .hasMessageContaining("limit of 100");
      }
    } finally {
      ImageLimits.setMaxPixels(pillow);
    }
  }

  @Test
  void aDirectoryGivenAsAnImageIsNamedAsOne() {
    assertThatThrownBy(() -> ImageFiles.readBgr(tmp, "image 3"))
        .isInstanceOf(DatasetException.class)
        .hasMessage(tmp + ": image 3: is a directory, not an image file");
  }
}
