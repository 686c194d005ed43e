package org.mlpvision.datasets.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalBatchesTest {
  private static PrefetchLoader loader() {
    // 7 samples in batches of 2: 4 batches per epoch, the last one holding one sample.
    return new PrefetchLoader(
        new PrefetchLoaderTest.FakeSource(7), PrefetchLoaderTest.config(2, 2, 2, true, 11));
  }

  @Test
  void globalIndicesWalkTheEpochsInOrder() {
    try (PrefetchLoader loader = loader()) {
      GlobalBatches batches = new GlobalBatches(loader);
      assertThat(batches.batchesPerEpoch()).isEqualTo(4);
      assertThat(batches.position(0)).isEqualTo(new GlobalBatches.Position(0, 0));
      assertThat(batches.position(9)).isEqualTo(new GlobalBatches.Position(2, 1));
      List<HostBatch> epochs = new ArrayList<>();
      for (int e = 0; e < 3; e++) {
        loader.epoch(e).forEachRemaining(epochs::add);
      }
      for (int i = 0; i < 12; i++) {
        HostBatch b = batches.get(i);
        assertThat(b.images()).as("batch %d", i).isEqualTo(epochs.get(i).images());
        assertThat(b.labels().get(0)).isEqualTo(epochs.get(i).labels().get(0));
      }
    }
  }

  @Test
  void aResumedRunSeesTheSameBatchAtEveryIndex() {
    List<HostBatch> straight = new ArrayList<>();
    try (PrefetchLoader loader = loader()) {
      GlobalBatches batches = new GlobalBatches(loader);
      for (int i = 0; i < 11; i++) {
        straight.add(batches.get(i));
      }
    }
    for (int start : new int[] {1, 3, 4, 6, 10}) {
      try (PrefetchLoader loader = loader()) {
        GlobalBatches resumed = new GlobalBatches(loader);
        for (int i = start; i < 11; i++) {
          assertThat(resumed.get(i).images())
              .as("batch %d resumed at %d", i, start)
              .isEqualTo(straight.get(i).images());
        }
      }
    }
  }
}
