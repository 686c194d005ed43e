package org.mlpvision.datasets.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class PrefetchLoaderTest {
  /** Item i: a (8+i%3) x (6+i%2) float image filled with i plus a random draw, one box. */
  static final class FakeSource implements SampleSource {
    final int n;
    final AtomicInteger loads = new AtomicInteger();

    FakeSource(int n) {
      OpenCvRuntime.ensureLoaded();
      this.n = n;
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public Sample load(int index, Random rnd) {
      loads.incrementAndGet();
      Mat m =
          new Mat(
              6 + index % 2,
              8 + index % 3,
              CvType.CV_32FC3,
              Scalar.all(index + rnd.nextInt(1000) / 1000.0));
      Sample s = new Sample("i" + index, m);
      s.setBoxes(new float[] {0, 0, 1, 1}, new int[] {index});
      return s;
    }
  }

  static LoaderConfig config(int batch, int workers, int prefetch, boolean shuffle, long seed) {
    return new LoaderConfig(batch, workers, prefetch, shuffle, seed, false, 4);
  }

  static List<HostBatch> all(PrefetchLoader loader, int epoch) {
    List<HostBatch> out = new ArrayList<>();
    loader.epoch(epoch).forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyItemOncePerEpochAndPaddedToTheDivisor() {
    try (PrefetchLoader loader = new PrefetchLoader(new FakeSource(7), config(3, 2, 2, true, 1))) {
      List<HostBatch> batches = all(loader, 0);
      assertThat(batches).hasSize(3);
      assertThat(batches.get(2).size()).isEqualTo(1);
      Set<Integer> seen = new HashSet<>();
      for (HostBatch b : batches) {
        b.labels().forEach(l -> seen.add(l[0]));
        assertThat(b.height() % 4).isZero();
        assertThat(b.width() % 4).isZero();
      }
      assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }
  }

  @Test
  void sameSeedSameBatchesWhateverTheThreadCount() {
    List<HostBatch> a;
    List<HostBatch> b;
    try (PrefetchLoader one = new PrefetchLoader(new FakeSource(9), config(2, 1, 1, true, 5));
        PrefetchLoader two = new PrefetchLoader(new FakeSource(9), config(2, 2, 4, true, 5))) {
      a = all(one, 3);
      b = all(two, 3);
      assertThat(Arrays.equals(one.order(0), one.order(1))).isFalse();
      assertThat(one.order(2)).isEqualTo(two.order(2));
    }
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).images()).isEqualTo(b.get(i).images());
      assertThat(a.get(i).labels().get(0)).isEqualTo(b.get(i).labels().get(0));
    }
  }

  @Test
  void collationPadsWithZerosAndKeepsPixels() {
    try (PrefetchLoader loader = new PrefetchLoader(new FakeSource(3), config(3, 1, 1, false, 0))) {
      HostBatch b = all(loader, 0).get(0);
      // Largest item: 10 wide (index 2), 7 high (index 1) -> padded to 12 x 8.
      assertThat(b.width()).isEqualTo(12);
      assertThat(b.height()).isEqualTo(8);
      float[] img = b.images();
      int plane = 8 * 12;
      // Item 0 is 8x6: pixel (7,5) holds its value, (8,5) and (7,6) are padding.
      assertThat(img[5 * 12 + 7]).isBetween(0f, 1f);
      assertThat(img[5 * 12 + 8]).isZero();
      assertThat(img[6 * 12 + 7]).isZero();
      assertThat(img[3 * plane * 2]).isGreaterThanOrEqualTo(2f);
    }
  }

  @Test
  void prefetchFillsTheQueueAndStopsThere() throws Exception {
    FakeSource src = new FakeSource(100);
    try (PrefetchLoader loader = new PrefetchLoader(src, config(2, 2, 3, false, 0))) {
      Iterator<HostBatch> it = loader.epoch(0);
      it.next();
      // One batch consumed and 3 queued: 4 batches of 2 are loaded without being asked for...
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (src.loads.get() < 2 * 4 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(src.loads.get()).as("samples loaded ahead").isEqualTo(2 * 4);
      // ...and no more while nobody consumes (an unbounded loader loads all 100 in this time).
      Thread.sleep(300);
      assertThat(src.loads.get()).isEqualTo(2 * 4);
      it.next();
      deadline = System.nanoTime() + 20_000_000_000L;
      while (src.loads.get() < 2 * 5 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(src.loads.get()).as("one more batch after one more is taken").isEqualTo(2 * 5);
    }
  }

  @Test
  void anEpochStartedMidwayYieldsTheSameBatchesAsAFullOne() {
    try (PrefetchLoader loader = new PrefetchLoader(new FakeSource(9), config(2, 2, 2, true, 7))) {
      List<HostBatch> full = all(loader, 1);
      List<HostBatch> tail = new ArrayList<>();
      loader.epoch(1, 3).forEachRemaining(tail::add);
      assertThat(tail).hasSize(full.size() - 3);
      for (int i = 0; i < tail.size(); i++) {
        assertThat(tail.get(i).images()).isEqualTo(full.get(i + 3).images());
        assertThat(tail.get(i).labels().get(0)).isEqualTo(full.get(i + 3).labels().get(0));
      }
      assertThatThrownBy(() -> loader.epoch(0, 6)).hasMessageContaining("batch position 6");
    }
  }

  @Test
  void droppedSamplesAreReplacedDeterministically() {
    SampleSource picky =
        new SampleSource() {
          final FakeSource inner = new FakeSource(10);

          @Override
          public int size() {
            return 10;
          }

          @Override
          public Sample load(int index, Random rnd) {
            Sample s = inner.load(index, rnd);
            if (index % 2 == 0) {
              s.close();
              return null;
            }
            return s;
          }
        };
    try (PrefetchLoader loader = new PrefetchLoader(picky, config(5, 2, 2, true, 2))) {
      for (HostBatch b : all(loader, 0)) {
        b.labels().forEach(l -> assertThat(l[0] % 2).isEqualTo(1));
      }
    }
  }

  /**
   * An evaluation (unshuffled) loader fails on an unreadable item: skipping would change a metric.
   */
  @Test
  void workerErrorsReachTheCaller() {
    SampleSource broken =
        new SampleSource() {
          @Override
          public int size() {
            return 4;
          }

          @Override
          public Sample load(int index, Random rnd) {
            throw new DatasetException("x.json", "image " + index, "file_name", "broken");
          }
        };
    try (PrefetchLoader loader = new PrefetchLoader(broken, config(2, 2, 2, false, 0))) {
      assertThatThrownBy(() -> all(loader, 0))
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("broken");
    }
  }

  @Test
  void aTrainingLoaderSkipsUnreadableItemsReportsEachOnceAndStaysDeterministic() {
    SampleSource thirdIsBroken =
        new SampleSource() {
          final FakeSource inner = new FakeSource(9);

          @Override
          public int size() {
            return 9;
          }

          @Override
          public Sample load(int index, Random rnd) {
            if (index == 3) {
              throw new DatasetException("img/3.jpg", "image 3", "", "cannot decode");
            }
            return inner.load(index, rnd);
          }
        };
    List<List<Integer>> first = new ArrayList<>();
    List<List<Integer>> second = new ArrayList<>();
    for (List<List<Integer>> labels : List.of(first, second)) {
      try (PrefetchLoader loader = new PrefetchLoader(thirdIsBroken, config(3, 2, 2, true, 4))) {
        for (int epoch = 0; epoch < 2; epoch++) {
          for (HostBatch b : all(loader, epoch)) {
            List<Integer> l = new ArrayList<>();
            b.labels().forEach(x -> l.add(x[0]));
            labels.add(l);
          }
        }
        assertThat(loader.skipped()).singleElement().asString().contains("img/3.jpg");
      }
    }
    assertThat(first).hasSize(6).allSatisfy(b -> assertThat(b).hasSize(3).doesNotContain(3));
    assertThat(second).isEqualTo(first);
  }
}
