/**
 * Data sets for detection and segmentation: COCO instances ({@code coco}), ADE20K ({@code ade}),
 * exact COCO mask codecs ({@code mask}), OpenCV transforms that record what they did ({@code
 * transform}), prefetching loaders and padded collation ({@code loader}) and deterministic
 * synthetic sets in the real formats ({@code synth}). Bad input raises {@link
 * org.mlpvision.datasets.DatasetException} naming the file, the item and the field.
 */
package org.mlpvision.datasets;
