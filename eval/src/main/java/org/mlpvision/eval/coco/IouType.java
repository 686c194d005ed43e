package org.mlpvision.eval.coco;

import java.util.Locale;

/** What a COCO evaluation compares: boxes or instance masks ({@code iouType} in pycocotools). */
public enum IouType {
  /** Box IoU on {@code [x,y,w,h]} boxes. */
  BBOX,
  /** Mask IoU on run-length encoded masks. */
  SEGM;

  /** Parses {@code bbox} or {@code segm}, case-insensitively. */
  public static IouType parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("iou type must be bbox or segm, got '" + text + "'");
    }
  }

  /** The name pycocotools uses ({@code bbox}, {@code segm}). */
  public String cocoName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
