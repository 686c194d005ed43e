/**
 * Evaluation metrics: COCO box and mask AP with pycocotools' exact semantics ({@link
 * org.mlpvision.eval.coco}) and streaming semantic-segmentation metrics, aAcc, mIoU and mAcc as
 * mmsegmentation computes them ({@link org.mlpvision.eval.seg}). Evaluators stream in detectron2's
 * shape ({@code reset / process / evaluate}) and run their heavy math as tensor ops on a DJL
 * device.
 */
package org.mlpvision.eval;
