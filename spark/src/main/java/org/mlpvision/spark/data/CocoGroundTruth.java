package org.mlpvision.spark.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.eval.coco.GroundTruthSet;
import org.mlpvision.eval.coco.IouType;
import org.mlpvision.spark.io.HadoopFiles;

/**
 * COCO annotation files read once per JVM: the driver lists the images from it and merges the
 * partitions' evaluations against it, each executor evaluates its partitions against it. Indexing
 * the ground truth for mask IoU (polygons to RLE) takes seconds on COCO val2017, so it happens once
 * per JVM and IoU type, not once per partition.
 */
public final class CocoGroundTruth {
  private static final Map<String, CocoDataset> DATASETS = new ConcurrentHashMap<>();
  private static final Map<String, GroundTruthSet> SETS = new ConcurrentHashMap<>();

  private CocoGroundTruth() {}

  /**
   * The annotation file at {@code path} (a Hadoop path).
   *
   * @throws org.mlpvision.datasets.DatasetException naming the file and field when it is malformed
   */
  public static CocoDataset dataset(String path) {
    return DATASETS.computeIfAbsent(path, p -> CocoReader.read(HadoopFiles.local(p)));
  }

  /** Its ground truth indexed for {@code iouType}. */
  public static GroundTruthSet indexed(String path, IouType iouType) {
    return SETS.computeIfAbsent(
        iouType + " " + path, k -> GroundTruthSet.fromCoco(dataset(path), iouType));
  }
}
