package org.mlpvision.zoo;

import java.util.Arrays;

/** What a model directory's model predicts, under its {@code model.json} name. */
public enum ModelTask {
  /** Cascade (Mask) R-CNN: boxes, classes, scores and, with a mask head, instance masks. */
  DETECTION("detection", 32),
  /** UperNet: one class per pixel. */
  SEGMENTATION("segmentation", 1);

  private final String key;
  private final int sizeDivisor;

  ModelTask(String key, int sizeDivisor) {
    this.key = key;
    this.sizeDivisor = sizeDivisor;
  }

  /** The name in {@code model.json} and in recipes ({@code detection}, {@code segmentation}). */
  public String key() {
    return key;
  }

  /**
   * The multiple a batch is padded to, as the task's evaluation loader collates (mmdet pads to 32,
   * mmseg tests unpadded), so that a predictor sees exactly what {@code vision test} sees.
   */
  public int sizeDivisor() {
    return sizeDivisor;
  }

  /**
   * The task named {@code key}.
   *
   * @throws IllegalArgumentException naming the known tasks
   */
  public static ModelTask of(String key) {
    for (ModelTask t : values()) {
      if (t.key.equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown task '"
            + key
            + "'; known: "
            + Arrays.stream(values()).map(ModelTask::key).toList().toString());
  }

  @Override
  public String toString() {
    return key;
  }
}
