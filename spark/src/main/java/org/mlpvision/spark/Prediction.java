package org.mlpvision.spark;

import ai.djl.modality.cv.output.CategoryMask;
import org.mlpvision.zoo.InstanceArrays;

/** What a job predicts per image, and so what it evaluates and writes. */
public enum Prediction {
  /**
   * Boxes, classes, scores (and masks) of a detection model: COCO box (and mask) AP; one COCO
   * results file {@code results.json}.
   */
  DETECTION(InstanceArrays.class),
  /**
   * The class of every pixel of a segmentation model: mIoU; label PNGs {@code labels/<stem>.png}.
   */
  SEGMENTATION(CategoryMask.class),
  /**
   * The pooled backbone embedding of any model (feature extraction): {@code embeddings.jsonl}, one
   * {@code {"image": ..., "embedding": [...]}} line per image.
   */
  EMBEDDING(float[].class);

  private final Class<?> output;

  Prediction(Class<?> output) {
    this.output = output;
  }

  /** The predictor's output type. */
  public Class<?> output() {
    return output;
  }
}
