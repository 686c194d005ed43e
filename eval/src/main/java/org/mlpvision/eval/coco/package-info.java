/**
 * COCO detection evaluation with exactly pycocotools' {@code COCOeval} semantics, for boxes and
 * masks: {@link org.mlpvision.eval.coco.CocoEvaluator} streams detections per image ({@code add}
 * during inference, {@code evaluate} at the end) and returns a {@link
 * org.mlpvision.eval.coco.CocoSummary} with the 12 standard numbers. Box IoUs are tensor ops on the
 * DJL device; mask IoUs walk RLE runs on host threads; matching and accumulation run in parallel
 * over images and categories. {@link org.mlpvision.eval.coco.CocoResultsReader} reads the standard
 * results JSON.
 */
package org.mlpvision.eval.coco;
