package org.mlpvision.datasets.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RleTest {
  /** Row-major bitmap from rows of '0'/'1'. */
  static byte[] bitmap(String... rows) {
    int w = rows[0].length();
    byte[] m = new byte[rows.length * w];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < w; x++) {
        m[y * w + x] = (byte) (rows[y].charAt(x) - '0');
      }
    }
    return m;
  }

  @Test
  void encodesColumnMajorStartingWithZeros() {
    Rle rle = Rle.fromBitmap(bitmap("010", "011", "011", "000"), 4, 3);
    assertThat(rle.counts()).containsExactly(4, 3, 2, 2, 1);
    assertThat(rle.area()).isEqualTo(5);
    assertThat(rle.bbox()).containsExactly(1, 0, 2, 3);
  }

  @Test
  void secondWorkedExampleFromTheSpec() {
    Rle rle = Rle.fromBitmap(bitmap("000", "100", "110", "010"), 4, 3);
    assertThat(rle.counts()).containsExactly(1, 2, 3, 2, 4);
    assertThat(rle.area()).isEqualTo(4);
    assertThat(rle.bbox()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void runCrossingAColumnSpansTheFullHeight() {
    Rle rle = new Rle(19, 20, new int[] {100, 50, 30, 200});
    assertThat(rle.area()).isEqualTo(250);
    assertThat(rle.bbox()).containsExactly(5, 0, 15, 19);
    Rle full = new Rle(10, 10, new int[] {0, 5, 3, 40, 7, 45});
    assertThat(full.area()).isEqualTo(90);
    assertThat(full.bbox()).containsExactly(0, 0, 10, 10);
  }

  @Test
  void firstRunMayBeEmptyAndEmptyMaskHasZeroBox() {
    Rle all = Rle.fromBitmap(bitmap("11", "11"), 2, 2);
    assertThat(all.counts()).containsExactly(0, 4);
    Rle none = Rle.fromBitmap(bitmap("00", "00"), 2, 2);
    assertThat(none.counts()).containsExactly(4);
    assertThat(none.bbox()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void bitmapRoundTripsThroughRle() {
    Random r = new Random(7);
    for (int t = 0; t < 200; t++) {
      int h = 1 + r.nextInt(9);
      int w = 1 + r.nextInt(9);
      byte[] m = new byte[h * w];
      for (int i = 0; i < m.length; i++) {
        m[i] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
      }
      Rle rle = Rle.fromBitmap(m, h, w);
      assertThat(rle.toBitmap()).isEqualTo(m);
      int ones = 0;
      for (byte b : m) {
        ones += b;
      }
      assertThat(rle.area()).isEqualTo(ones);
    }
  }

  @Test
  void countsMustSumToTheMaskSize() {
    assertThatThrownBy(() -> new Rle(4, 3, new int[] {4, 3, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 9")
        .hasMessageContaining("12");
    assertThatThrownBy(() -> new Rle(2, 2, new int[] {5, -1}))
        .hasMessageContaining("negative run length");
  }
}
