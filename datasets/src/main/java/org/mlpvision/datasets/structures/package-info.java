/**
 * Value types that cross module boundaries between data, models and evaluation (detectron2's {@code
 * structures}): an image batch with its metas, per-image ground truth, and per-image predictions.
 * They hold NDArrays of the caller's scoped manager.
 */
package org.mlpvision.datasets.structures;
