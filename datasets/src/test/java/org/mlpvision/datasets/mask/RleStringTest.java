package org.mlpvision.datasets.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RleStringTest {
  @Test
  void workedExamplesFromTheSpec() {
    assertThat(RleString.encode(new Rle(4, 3, new int[] {4, 3, 2, 2, 1}))).isEqualTo("432OO");
    assertThat(RleString.encode(new Rle(19, 20, new int[] {100, 50, 30, 200})))
        .isEqualTo("T3b1n0f4");
    assertThat(RleString.encode(new Rle(10, 10, new int[] {0, 5, 3, 40, 7, 45})))
        .isEqualTo("053S145");
    assertThat(RleString.encode(new Rle(4, 3, new int[] {1, 2, 3, 2, 4}))).isEqualTo("12301");
  }

  @Test
  void decodesWorkedExamplesBack() {
    assertThat(RleString.decode("432OO", 4, 3).counts()).containsExactly(4, 3, 2, 2, 1);
    assertThat(RleString.decode("T3b1n0f4", 19, 20).counts()).containsExactly(100, 50, 30, 200);
    assertThat(RleString.decode("053S145", 10, 10).counts()).containsExactly(0, 5, 3, 40, 7, 45);
    assertThat(RleString.decode("12301", 4, 3).counts()).containsExactly(1, 2, 3, 2, 4);
  }

  @Test
  void randomCountsRoundTrip() {
    Random r = new Random(11);
    for (int t = 0; t < 500; t++) {
      int n = 1 + r.nextInt(20);
      int[] c = new int[n];
      int sum = 0;
      for (int i = 0; i < n; i++) {
        c[i] = r.nextInt(4) == 0 ? r.nextInt(100_000) : r.nextInt(40);
        sum += c[i];
      }
      Rle rle = new Rle(1, sum, c);
      assertThat(RleString.decode(RleString.encode(rle), 1, sum)).isEqualTo(rle);
    }
  }

  @Test
  void rejectsBadCharactersTruncationAndWrongSums() {
    assertThatThrownBy(() -> RleString.decode("43 OO", 4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid character");
    assertThatThrownBy(() -> RleString.decode("43T", 4, 3)).hasMessageContaining("ends inside");
    assertThatThrownBy(() -> RleString.decode("432O", 4, 3)).hasMessageContaining("sum to");
    assertThatThrownBy(() -> RleString.decode("0O", 4, 3)).hasMessageContaining("out of range");
  }

  @Test
  void foregroundSpanIsKnownWithoutDecoding() {
    // rows 010/011/011/000, column-major counts [4,3,2,2,1]: pixels 4..10 hold all foreground
    byte[] text = "432OO".getBytes();
    Rle lazy = RleString.lazy(text, 0, text.length, 4, 3);
    assertThat(lazy.area()).isEqualTo(5);
    assertThat(lazy.foregroundStart()).isEqualTo(4);
    assertThat(lazy.foregroundEnd()).isEqualTo(11);
    Rle empty = new Rle(2, 2, new int[] {4});
    assertThat(empty.foregroundStart()).isZero();
    assertThat(empty.foregroundEnd()).isZero();
  }

  @Test
  void lazyMasksCheckAtOnceAndDecodeToTheSameRuns() {
    Random r = new Random(12);
    for (int t = 0; t < 300; t++) {
      int n = 1 + r.nextInt(30);
      int[] c = new int[n];
      int sum = 0;
      for (int i = 0; i < n; i++) {
        c[i] = r.nextInt(3) == 0 ? r.nextInt(5000) : r.nextInt(20);
        sum += c[i];
      }
      Rle rle = new Rle(1, sum, c);
      byte[] text = ("xx" + RleString.encode(rle) + "y").getBytes();
      Rle lazy = RleString.lazy(text, 2, text.length - 1, 1, sum);
      assertThat(lazy.height()).isEqualTo(1);
      assertThat(lazy.area()).isEqualTo(rle.area());
      assertThat(lazy.foregroundStart()).isEqualTo(rle.foregroundStart());
      assertThat(lazy.foregroundEnd()).isEqualTo(rle.foregroundEnd());
      assertThat(lazy.runs()).isEqualTo(rle.runs());
      assertThat(lazy).isEqualTo(rle);
      assertThat(RleString.decode(text, 2, text.length - 1, 1, sum)).isEqualTo(rle);
    }
    byte[] bad = "432O".getBytes();
    assertThatThrownBy(() -> RleString.lazy(bad, 0, bad.length, 4, 3))
        .hasMessageContaining("sum to");
    byte[] wrong = "43~OO".getBytes();
    assertThatThrownBy(() -> RleString.lazy(wrong, 0, wrong.length, 4, 3))
        .hasMessageContaining("invalid character");
  }
}
