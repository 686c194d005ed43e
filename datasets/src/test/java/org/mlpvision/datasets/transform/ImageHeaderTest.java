package org.mlpvision.datasets.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.testing.TestImages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Header sizes of real encoder output equal the decoded sizes, for every format read. */
class ImageHeaderTest {
  @TempDir Path tmp;

  @Test
  void headersOfEveryKnownFormatGiveTheDecodedSize() throws Exception {
    OpenCvRuntime.ensureLoaded();
    for (String ext : new String[] {"png", "jpg", "bmp", "webp"}) {
      Path f = tmp.resolve("a." + ext);
      Mat m = new Mat(37, 53, CvType.CV_8UC3, new Scalar(9, 99, 199));
      ImageFiles.write(f, m, 90);
      m.release();
      assertThat(ImageHeader.read(f)).as(ext).hasValue(new ImageHeader(53, 37, false));
    }
    // Lossy WebP (VP8) and lossy with alpha (VP8X); the default above is lossless (VP8L).
    for (int[] kind : new int[][] {{3, 80}, {4, 80}}) {
      Path f = tmp.resolve("k" + kind[0] + ".webp");
      Mat m = new Mat(29, 61, CvType.makeType(CvType.CV_8U, kind[0]), new Scalar(1, 2, 3, 128));
      MatOfInt quality = new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, kind[1]);
      assertThat(Imgcodecs.imwrite(f.toString(), m, quality)).isTrue();
      m.release();
      assertThat(ImageHeader.read(f))
          .as("webp %s", kind[0])
          .hasValue(new ImageHeader(61, 29, false));
    }
    Path gif = tmp.resolve("a.gif");
    ImageIO.write(new BufferedImage(41, 17, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile());
    assertThat(ImageHeader.read(gif)).hasValue(new ImageHeader(41, 17, false));
    Path palette = TestImages.palettePng(tmp.resolve("p.png"), 8, new int[3][5]);
    assertThat(ImageHeader.read(palette)).hasValue(new ImageHeader(5, 3, true));
    Path ppm = tmp.resolve("a.ppm");
    ImageFiles.write(ppm, new Mat(4, 4, CvType.CV_8UC3), 90);
    assertThat(ImageHeader.read(ppm)).isEmpty();
  }

  @Test
  void aJpegCutBeforeItsFrameHeaderIsAnError() throws Exception {
    OpenCvRuntime.ensureLoaded();
    Path f = tmp.resolve("a.jpg");
    ImageFiles.write(f, new Mat(8, 8, CvType.CV_8UC3), 90);
    byte[] all = Files.readAllBytes(f);
    Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(all, 30));
    assertThatThrownBy(() -> ImageHeader.read(cut)).isInstanceOf(IOException.class);
  }
}
