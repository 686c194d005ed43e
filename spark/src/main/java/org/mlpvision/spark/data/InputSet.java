package org.mlpvision.spark.data;

import java.util.List;

/**
 * The images of a job, in the order of the data set (the order {@code vision test} reads them in),
 * with what their ground truth is.
 *
 * @param kind where the images came from
 * @param annotations the COCO annotation file (a Hadoop path) for {@link Kind#COCO}, else null
 * @param images the images
 */
public record InputSet(Kind kind, String annotations, List<ImageRecord> images) {
  /** Where the images came from, and so what ground truth they have. */
  public enum Kind {
    /** A COCO annotation file and its image root: instance ground truth. */
    COCO,
    /** An ADE20K folder: a label map per image. */
    ADE20K,
    /** A folder of images or a list of image paths: no ground truth. */
    IMAGES
  }

  /** Copies the list. */
  public InputSet {
    images = List.copyOf(images);
  }

  /** Whether the images have ground truth to evaluate against. */
  public boolean hasGroundTruth() {
    return kind != Kind.IMAGES;
  }
}
