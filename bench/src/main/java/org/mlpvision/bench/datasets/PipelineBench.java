package org.mlpvision.bench.datasets;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.core.memory.ProcessMemory;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoInstances;
import org.mlpvision.datasets.coco.ImagePaths;
import org.mlpvision.datasets.loader.CocoSource;
import org.mlpvision.datasets.loader.HostBatch;
import org.mlpvision.datasets.loader.LoaderConfig;
import org.mlpvision.datasets.loader.PrefetchLoader;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.Normalize;
import org.mlpvision.datasets.transform.OpenCvRuntime;
import org.mlpvision.datasets.transform.Pad;
import org.mlpvision.datasets.transform.Pipeline;
import org.mlpvision.datasets.transform.RandomFlip;
import org.mlpvision.datasets.transform.Resize;
import org.mlpvision.datasets.transform.Sample;
import org.opencv.core.Core;

/**
 * Throughput of the COCO training pipeline (decode, flip, resize keeping ratio to 1333x800,
 * normalize, pad to 32, plus collation into padded batches) through the prefetching loader, and a
 * single-thread breakdown of where the time goes per stage.
 */
public final class PipelineBench {
  private PipelineBench() {}

  /**
   * @param instances the images to load
   * @param imageRoot their directory
   * @param workers loader threads
   * @param batchSize images per batch
   * @param epochs timed passes over the images (after one warm-up pass)
   * @param cvThreads OpenCV's own thread count ({@code Core.setNumThreads}); 0 keeps its default
   * @param masks also rasterize instance masks
   */
  public static Map<String, Object> run(
      CocoInstances instances,
      Path imageRoot,
      int workers,
      int batchSize,
      int epochs,
      int cvThreads,
      boolean masks) {
    OpenCvRuntime.ensureLoaded();
    if (cvThreads > 0) {
      Core.setNumThreads(cvThreads);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("images", instances.images().size());
    r.put("workers", workers);
    r.put("batch_size", batchSize);
    r.put("opencv_threads", Core.getNumThreads());
    r.put("masks", masks);
    r.put("cpus", Runtime.getRuntime().availableProcessors());
    r.put("stage_ms_single_thread", stages(instances, imageRoot));
    // Flip and resize on uint8; normalize and pad fused into collation (see HostBatch).
    CocoSource source = new CocoSource(instances, imageRoot, Pipeline.cocoTrainFused(), masks);
    r.put("loader_pipeline", "coco-train-fused + fused normalize/pad/collate");
    LoaderConfig cfg =
        new LoaderConfig(
            batchSize, workers, Math.max(2, 2 * workers), true, 0L, false, 32, cvThreads);
    try (PrefetchLoader loader = new PrefetchLoader(source, cfg, Normalize.imagenet())) {
      drain(loader.epoch(0));
      long rss0 = ProcessMemory.rssBytes();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      long n = 0;
      for (int e = 1; e <= epochs; e++) {
        n += drain(loader.epoch(e));
      }
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      r.put("loader_images", n);
      r.put("loader_seconds", Math.round(s * 1000) / 1000.0);
      r.put("images_per_second", Math.round(n / s * 10) / 10.0);
      // CPU time of this process over the timed loop: on a shared machine, images per CPU-second
      // tells the capacity that wall-clock throughput hides.
      r.put("process_cpu_seconds", Math.round(cpu * 1000) / 1000.0);
      r.put("images_per_cpu_second", Math.round(n / cpu * 10) / 10.0);
      r.put(
          "load_average_1min", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      // Native memory must stay flat across epochs: Mats are released on the loader threads.
      r.put("rss_mb_after_warmup", Math.round(rss0 / 1e5) / 10.0);
      r.put("rss_mb_at_end", Math.round(ProcessMemory.rssBytes() / 1e5) / 10.0);
    }
    return r;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long drain(Iterator<HostBatch> it) {
    long n = 0;
    while (it.hasNext()) {
      HostBatch b = it.next();
      n += b.size();
    }
    return n;
  }

  /**
   * Mean milliseconds per image of each stage on one thread (after a warm-up pass): the loader's
   * fused path (decode, flip, resize, normalize+pad+collate in one pass), and for comparison the
   * unfused float Mat path (normalize, pad, collate as separate steps).
   */
  private static Map<String, Object> stages(CocoInstances instances, Path root) {
    String[] names = {
      "decode",
      "flip",
      "resize",
      "fused_normalize_pad_collate",
      "unfused_normalize",
      "unfused_pad",
      "unfused_collate"
    };
    double[] total = new double[names.length];
    Resize resize = Resize.fixed(1333, 800);
    Normalize normalize = Normalize.imagenet();
    Pad pad = Pad.toDivisor(32);
    Random rnd = new Random(0);
    List<CocoImage> images = instances.images();
    int count = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (CocoImage im : images) {
        long[] t = new long[names.length + 1];
        t[0] = System.nanoTime();
        Sample s =
            new Sample(
                "b",
                ImageFiles.readBgr(ImagePaths.resolve(root, im.fileName()), "image " + im.id()));
        try {
          t[1] = System.nanoTime();
          RandomFlip.flip(s);
          t[2] = System.nanoTime();
          resize.apply(s, rnd);
          t[3] = System.nanoTime();
          HostBatch.collate(List.of(s), 32, normalize);
          t[4] = System.nanoTime();
          normalize.apply(s, rnd);
          t[5] = System.nanoTime();
          pad.apply(s, rnd);
          t[6] = System.nanoTime();
          HostBatch.collate(List.of(s), 32);
          t[7] = System.nanoTime();
        } finally {
          s.close();
        }
        if (pass == 1) {
          for (int k = 0; k < names.length; k++) {
            total[k] += (t[k + 1] - t[k]) / 1e6;
          }
          count++;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int k = 0; k < names.length; k++) {
      out.put(names[k], Math.round(total[k] / Math.max(1, count) * 100) / 100.0);
    }
    double fused = (total[0] + total[1] + total[2] + total[3]) / Math.max(1, count);
    out.put("fused_total", Math.round(fused * 100) / 100.0);
    return out;
  }
}
