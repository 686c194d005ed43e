package org.mlpvision.eval.coco;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming COCO evaluator with pycocotools' exact semantics. Call {@link #add} once per image as
 * detections arrive (images never added count as having no detections), then {@link #evaluate()}.
 * Images are evaluated in batches while detections stream in: box IoUs run on host threads for the
 * CPU device (the tensor engine is not needed) or as one set of tensor ops per batch on another
 * device, mask IoUs walk RLE runs on host threads, and the greedy matching runs in parallel over
 * (image, category) pairs. {@code evaluate()} finishes the remaining images and accumulates in
 * parallel over categories.
 *
 * <p>Not thread-safe: call it from one thread.
 */
public final class CocoEvaluator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CocoEvaluator.class);

  private final GroundTruthSet gt;
  private final CocoParams params;
  private final Device device;
  private final ForkJoinPool pool;
  private final PendingImages pending;
  private final List<ImageCategoryEval>[] perCategory;
  private final long[] mismatches = new long[1]; // mask pairs of different sizes

  /**
   * @param groundTruth the images, categories and annotations to evaluate against
   * @param params IoU type, detection limits and worker threads
   * @param device where box IoUs are computed ({@link Device#cpu()}: host threads)
   */
  @SuppressWarnings("unchecked")
  public CocoEvaluator(GroundTruthSet groundTruth, CocoParams params, Device device) {
    this.gt = groundTruth;
    this.params = params;
    this.device = device;
    this.pool = new ForkJoinPool(params.threads());
    this.pending = new PendingImages(groundTruth, params.iouType());
    this.perCategory = new List[groundTruth.categoryCount()];
    reset();
  }

  /** Forgets every detection added so far. */
  public void reset() {
    pending.reset();
    for (int k = 0; k < perCategory.length; k++) {
      perCategory[k] = new ArrayList<>();
    }
    mismatches[0] = 0;
  }

  /**
   * Adds one image's detections (any categories, any order, any finite scores). Detections of a
   * category the ground truth does not have are ignored and counted ({@link #ignoredDetections()}),
   * as pycocotools evaluates only the ground truth's categories.
   *
   * @throws IllegalArgumentException naming the image and the detection's position when the image
   *     is unknown, the score is NaN or infinite, the box is malformed, a segm detection has no
   *     mask, or the image was already added
   */
  public void add(long imageId, List<Detection> detections) {
    if (pending.add(imageId, detections)) {
      flush();
    }
  }

  /** Detections ignored since the last reset because the ground truth lacks their category. */
  public long ignoredDetections() {
    return pending.ignored();
  }

  /**
   * Everything evaluated so far: the records of every image added (or merged) since the last reset,
   * evaluated now if still pending. Images never added are not in it; they count as having no
   * detections only when an evaluator {@link #evaluate()}s.
   */
  public CocoPartial partial() {
    flush();
    List<ImageCategoryEval> records = new ArrayList<>();
    for (List<ImageCategoryEval> c : perCategory) {
      records.addAll(c);
    }
    return new CocoPartial(
        params.iouType(),
        params.maxDets(),
        CocoPartial.fingerprint(gt),
        pending.addedImages(),
        records.toArray(new ImageCategoryEval[0]),
        pending.ignored(),
        mismatches[0]);
  }

  /**
   * Adds what another evaluator evaluated of the same ground truth with the same settings; its
   * images count as added here.
   *
   * @throws IllegalArgumentException when the ground truth, IoU type or detection limits differ, or
   *     an image of {@code other} was already added or merged (nothing is merged then)
   */
  public void merge(CocoPartial other) {
    other.checkCompatible(params.iouType(), params.maxDets(), gt);
    pending.claim(other.images(), other.ignoredDetections());
    for (ImageCategoryEval e : other.records()) {
      perCategory[e.categoryIndex()].add(e);
    }
    mismatches[0] += other.mismatches();
  }

  /**
   * Evaluates every image (those never added have no detections), accumulates and summarizes. The
   * evaluator can keep receiving nothing further until {@link #reset()}.
   */
  public CocoSummary evaluate() {
    pending.addMissing();
    flush();
    if (mismatches[0] > 0) {
      LOG.warn(
          "{} detection/ground-truth mask pairs differ in size; their IoU is -1 as in pycocotools",
          mismatches[0]);
    }
    long t0 = System.nanoTime();
    int k = gt.categoryCount();
    int nm = params.maxDets().length;
    int pSize = CocoParams.IOU_THRESHOLDS.length * CocoParams.RECALL_THRESHOLDS.length * k * 4 * nm;
    double[] precision = Accumulator.minusOnes(pSize);
    double[] recall = Accumulator.minusOnes(CocoParams.IOU_THRESHOLDS.length * k * 4 * nm);
    int[] maxDets = params.maxDets();
    // One task per category, largest first, so that the few frequent categories (COCO's person
    // has a sixth of all detections) do not end up on one worker with half of the others.
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer c) -> perCategory[c].size()).reversed());
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int c : order) {
      tasks.add(
          () -> {
            List<ImageCategoryEval> evals = perCategory[c];
            Accumulator.category(
                evals, c, k, maxDets, CocoParams.IOU_THRESHOLDS.length, precision, recall);
            return null;
          });
    }
    for (Future<Void> f : pool.invokeAll(tasks)) {
      await(f);
    }
    CocoSummary summary =
        new CocoSummary(params.iouType(), maxDets, gt.categoryIds(), precision, recall);
    LOG.debug("accumulate and summarize: {} ms", (System.nanoTime() - t0) / 1_000_000);
    return summary;
  }

  private void flush() {
    PendingImages.Batch batch = pending.take();
    if (batch.size() == 0) {
      return;
    }
    long t0 = System.nanoTime();
    int images = batch.size();
    List<ImageCategoryGroup> groups = new ArrayList<>();
    for (int p = 0; p < images; p++) {
      groups.addAll(groupImage(batch.images()[p], batch.detections()[p]));
    }
    long t1 = System.nanoTime();
    double[][] ious =
        params.iouType() == IouType.BBOX
            ? BatchIou.boxes(groups, device, this::run)
            : BatchIou.masks(groups, this::run, mismatches);
    long t2 = System.nanoTime();
    ImageCategoryEval[] out = new ImageCategoryEval[groups.size()];
    run(
        () ->
            IntStream.range(0, groups.size())
                .parallel()
                .forEach(g -> out[g] = groups.get(g).match(ious[g])));
    for (ImageCategoryEval e : out) {
      perCategory[e.categoryIndex()].add(e);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} images, {} groups: grouping {} ms, IoU {} ms, matching {} ms",
          images,
          groups.size(),
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (System.nanoTime() - t2) / 1_000_000);
    }
  }

  /** Splits one image into (category: detections sorted and cut, ground truths) groups. */
  private List<ImageCategoryGroup> groupImage(int imageIndex, Detection[] dets) {
    int k = gt.categoryCount();
    GroundTruthObject[] objs = gt.objects(imageIndex);
    // Counting sort by category keeps each category's file order (stable).
    int[] dOff = new int[k + 1];
    int[] gOff = new int[k + 1];
    int[] dCat = new int[dets.length];
    int[] gCat = new int[objs.length];
    for (int i = 0; i < dets.length; i++) {
      dCat[i] = gt.categoryIndex(dets[i].categoryId());
      dOff[dCat[i] + 1]++;
    }
    for (int i = 0; i < objs.length; i++) {
      gCat[i] = gt.categoryIndex(objs[i].categoryId());
      gOff[gCat[i] + 1]++;
    }
    for (int c = 0; c < k; c++) {
      dOff[c + 1] += dOff[c];
      gOff[c + 1] += gOff[c];
    }
    Detection[] dSorted = new Detection[dets.length];
    GroundTruthObject[] gSorted = new GroundTruthObject[objs.length];
    int[] dFill = dOff.clone();
    int[] gFill = gOff.clone();
    for (int i = 0; i < dets.length; i++) {
      dSorted[dFill[dCat[i]]++] = dets[i];
    }
    for (int i = 0; i < objs.length; i++) {
      gSorted[gFill[gCat[i]]++] = objs[i];
    }
    List<ImageCategoryGroup> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (dOff[c] == dOff[c + 1] && gOff[c] == gOff[c + 1]) {
        continue; // evaluateImg returns None: the pair takes no part in accumulate
      }
      out.add(
          new ImageCategoryGroup(
              imageIndex,
              c,
              StableSort.top(
                  Arrays.asList(dSorted).subList(dOff[c], dOff[c + 1]), params.maxDetsLast()),
              Arrays.copyOfRange(gSorted, gOff[c], gOff[c + 1])));
    }
    return out;
  }

  private void run(Runnable task) {
    await(pool.submit(task));
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
