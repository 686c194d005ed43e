package org.mlpvision.eval.coco;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;
import org.mlpvision.datasets.coco.CocoCategory;
import org.mlpvision.datasets.mask.Rle;

/**
 * The COCO error analysis of the MATLAB API's {@code CocoEval.analyze} (Hoiem-style false-positive
 * breakdown), streaming like {@link CocoEvaluator}: call {@link #add} once per image, then {@link
 * #analyze()}. With at most 100 detections per image and category, for every category and area
 * range, it gives the precision at the 101 recall thresholds of:
 *
 * <ul>
 *   <li>{@code C75}, {@code C50}: the usual precision at IoU .75 and .5;
 *   <li>{@code Loc}: at IoU .1 (localization errors ignored, duplicate detections still count);
 *   <li>{@code Sim}: at IoU .1 once detections on a ground truth of another category of the same
 *       supercategory are ignored (category labels are ignored against those ground truths, which
 *       are flagged {@code ignore});
 *   <li>{@code Oth}: likewise with the ground truths of every other category;
 *   <li>{@code BG}: 1 where {@code Oth} is above 0 (all remaining false positives removed);
 *   <li>{@code FN}: 1 (every error removed).
 * </ul>
 *
 * Matching and accumulation are pycocotools' ({@link ImageMatcher}, {@link Accumulator}: 101 recall
 * thresholds, precision with its epsilon), so {@code C75} and {@code C50} are exactly the
 * evaluator's precision at those thresholds for the limit 100. Ground truths keep their file order
 * within an image, as the MATLAB API keeps it. IoUs are computed on host threads.
 *
 * <p>Not thread-safe: call it from one thread.
 */
public final class CocoAnalyzer implements AutoCloseable {
  /** The breakdown rows, in the MATLAB API's order. */
  public static final List<String> ROWS = List.of("C75", "C50", "Loc", "Sim", "Oth", "BG", "FN");

  /** The detection limit per image and category of the analysis. */
  public static final int MAX_DETS = 100;

  private static final double[] TIGHT = ImageMatcher.thresholds(0.75, 0.5, 0.1);
  private static final double[] LOOSE = ImageMatcher.thresholds(0.1);
  private static final int TIGHT_KIND = 0;
  private static final int SIMILAR_KIND = 1;
  private static final int OTHER_KIND = 2;

  private final GroundTruthSet gt;
  private final IouType iouType;
  private final List<CocoCategory> categories; // aligned with gt's category positions
  private final int[] supercategory; // per category position: index of its supercategory
  private final ForkJoinPool pool;
  private final PendingImages pending;
  private final List<ImageCategoryEval>[][] results; // [kind][category]

  /**
   * @param groundTruth the images, categories and annotations to analyze against
   * @param categories names and supercategories of the ground truth's category ids (a missing id
   *     gets its number as name and an empty supercategory)
   * @param iouType boxes or masks
   * @param threads host worker threads (at least 1)
   */
  @SuppressWarnings("unchecked")
  public CocoAnalyzer(
      GroundTruthSet groundTruth, List<CocoCategory> categories, IouType iouType, int threads) {
    this.gt = groundTruth;
    this.iouType = iouType;
    this.pending = new PendingImages(groundTruth, iouType);
    int k = groundTruth.categoryCount();
    this.categories = new ArrayList<>(k);
    List<String> supers = new ArrayList<>();
    this.supercategory = new int[k];
    for (int c = 0; c < k; c++) {
      int id = groundTruth.categoryId(c);
      CocoCategory named =
          categories.stream()
              .filter(x -> x.id() == id)
              .findFirst()
              .orElse(new CocoCategory(id, Integer.toString(id), ""));
      this.categories.add(named);
      String sup = named.supercategory() == null ? "" : named.supercategory();
      if (!supers.contains(sup)) {
        supers.add(sup);
      }
      supercategory[c] = supers.indexOf(sup);
    }
    this.pool = new ForkJoinPool(threads);
    this.results = new List[3][k];
    reset();
  }

  /** Forgets every detection added so far. */
  public void reset() {
    pending.reset();
    for (List<ImageCategoryEval>[] kind : results) {
      for (int c = 0; c < kind.length; c++) {
        kind[c] = new ArrayList<>();
      }
    }
  }

  /**
   * Adds one image's detections, with {@link CocoEvaluator#add}'s rules and checks.
   *
   * @throws IllegalArgumentException as {@link CocoEvaluator#add} does
   */
  public void add(long imageId, List<Detection> detections) {
    if (pending.add(imageId, detections)) {
      flush();
    }
  }

  /** Analyzes every image (those never added have no detections) and accumulates. */
  public CocoAnalysis analyze() {
    pending.addMissing();
    flush();
    int k = gt.categoryCount();
    int[] limit = {MAX_DETS};
    int a = CocoParams.AREA_RANGES.length;
    int r = CocoParams.RECALL_THRESHOLDS.length;
    double[] tight = Accumulator.minusOnes(TIGHT.length * r * k * a);
    double[] similar = Accumulator.minusOnes(r * k * a);
    double[] other = Accumulator.minusOnes(r * k * a);
    double[][] precision = {tight, similar, other};
    double[][] recall = {new double[TIGHT.length * k * a], new double[k * a], new double[k * a]};
    int[] thresholds = {TIGHT.length, 1, 1};
    run(
        () ->
            IntStream.range(0, 3 * k)
                .parallel()
                .forEach(
                    job -> {
                      int kind = job / k;
                      int c = job % k;
                      List<ImageCategoryEval> evals = results[kind][c];
                      Accumulator.category(
                          evals, c, k, limit, thresholds[kind], precision[kind], recall[kind]);
                    }));
    return new CocoAnalysis(iouType, categories, tight, similar, other);
  }

  private void flush() {
    PendingImages.Batch batch = pending.take();
    if (batch.size() == 0) {
      return;
    }
    List<List<ImageCategoryEval[]>> out = new ArrayList<>(batch.size());
    for (int p = 0; p < batch.size(); p++) {
      out.add(null);
    }
    run(
        () ->
            IntStream.range(0, batch.size())
                .parallel()
                .forEach(p -> out.set(p, image(batch.images()[p], batch.detections()[p]))));
    for (List<ImageCategoryEval[]> image : out) {
      for (ImageCategoryEval[] kinds : image) {
        for (int kind = 0; kind < 3; kind++) {
          results[kind][kinds[kind].categoryIndex()].add(kinds[kind]);
        }
      }
    }
  }

  /** One image: per category with detections or ground truths, the three kinds of matching. */
  private List<ImageCategoryEval[]> image(int image, Detection[] dets) {
    GroundTruthObject[] objs = gt.objects(image);
    int ng = objs.length;
    int k = gt.categoryCount();
    int[] gtCategory = new int[ng];
    long[] ids = new long[ng];
    double[] areas = new double[ng];
    boolean[] crowd = new boolean[ng];
    boolean[] present = new boolean[k];
    for (int g = 0; g < ng; g++) {
      gtCategory[g] = gt.categoryIndex(objs[g].categoryId());
      ids[g] = objs[g].id();
      areas[g] = objs[g].area();
      crowd[g] = objs[g].crowd();
      present[gtCategory[g]] = true;
    }
    List<List<Detection>> byCategory = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      byCategory.add(new ArrayList<>());
    }
    for (Detection d : dets) {
      int c = gt.categoryIndex(d.categoryId());
      byCategory.get(c).add(d);
      present[c] = true;
    }
    List<ImageCategoryEval[]> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (!present[c]) {
        continue; // evaluateImg returns None: no part in the accumulation
      }
      Detection[] dt = StableSort.top(byCategory.get(c), MAX_DETS);
      int nd = dt.length;
      double[] scores = new double[nd];
      double[] dtArea = new double[nd];
      for (int d = 0; d < nd; d++) {
        scores[d] = dt[d].score();
        dtArea[d] = dt[d].area();
      }
      double[] iou = iou(dt, objs);
      // the three ground-truth sets: this category; its supercategory; all
      boolean[] own = new boolean[ng];
      boolean[] similar = new boolean[ng];
      boolean[] flagged = new boolean[ng];
      for (int g = 0; g < ng; g++) {
        own[g] = gtCategory[g] == c;
        similar[g] = supercategory[gtCategory[g]] == supercategory[c];
        flagged[g] = !own[g];
      }
      ImageCategoryEval[] kinds = new ImageCategoryEval[3];
      kinds[TIGHT_KIND] = match(image, c, scores, dtArea, ids, areas, crowd, null, iou, own, TIGHT);
      kinds[SIMILAR_KIND] =
          match(image, c, scores, dtArea, ids, areas, crowd, flagged, iou, similar, LOOSE);
      kinds[OTHER_KIND] =
          match(image, c, scores, dtArea, ids, areas, crowd, flagged, iou, null, LOOSE);
      out.add(kinds);
    }
    return out;
  }

  /** Matching against the ground truths selected by {@code keep} (all when null). */
  private static ImageCategoryEval match(
      int image,
      int category,
      double[] scores,
      double[] dtArea,
      long[] ids,
      double[] areas,
      boolean[] crowd,
      boolean[] flagged,
      double[] iou,
      boolean[] keep,
      double[] thresholds) {
    int ng = ids.length;
    int[] cols = IntStream.range(0, ng).filter(g -> keep == null || keep[g]).toArray();
    int m = cols.length;
    int nd = scores.length;
    long[] subIds = new long[m];
    double[] subAreas = new double[m];
    boolean[] subCrowd = new boolean[m];
    boolean[] subFlagged = flagged == null ? null : new boolean[m];
    for (int j = 0; j < m; j++) {
      subIds[j] = ids[cols[j]];
      subAreas[j] = areas[cols[j]];
      subCrowd[j] = crowd[cols[j]];
      if (subFlagged != null) {
        subFlagged[j] = flagged[cols[j]];
      }
    }
    double[] subIou = new double[nd * m];
    for (int d = 0; d < nd; d++) {
      for (int j = 0; j < m; j++) {
        subIou[d * m + j] = iou[d * ng + cols[j]];
      }
    }
    return ImageMatcher.match(
        image,
        category,
        scores,
        dtArea,
        subIds,
        subAreas,
        subCrowd,
        subFlagged,
        subIou,
        thresholds);
  }

  /** IoU of each detection with each ground truth of the image, {@code iou[d*ng + g]}. */
  private double[] iou(Detection[] dt, GroundTruthObject[] objs) {
    if (iouType == IouType.BBOX) {
      return HostBoxIou.matrix(dt, objs);
    }
    Rle[] dm = new Rle[dt.length];
    for (int d = 0; d < dt.length; d++) {
      dm[d] = dt[d].mask();
    }
    Rle[] gm = new Rle[objs.length];
    boolean[] crowd = new boolean[objs.length];
    for (int g = 0; g < objs.length; g++) {
      gm[g] = objs[g].mask();
      crowd[g] = objs[g].crowd();
    }
    return MaskIou.matrix(dm, gm, crowd);
  }

  private void run(Runnable task) {
    ForkJoinTask<?> t = pool.submit(task);
    t.join();
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
