/**
 * COCO instances: a streaming reader and the mmdet-style training view.
 *
 * <ul>
 *   <li>{@link org.mlpvision.datasets.coco.CocoReader#read(java.nio.file.Path, boolean)} gives a
 *       {@link org.mlpvision.datasets.coco.CocoDataset}: {@link
 *       org.mlpvision.datasets.coco.CocoImage} (id, file_name, width, height), {@link
 *       org.mlpvision.datasets.coco.CocoCategory} (original ids), {@link
 *       org.mlpvision.datasets.coco.CocoAnnotation} (id, image_id, category_id, bbox xywh, area
 *       from the file, iscrowd, {@link org.mlpvision.datasets.coco.Segmentation} as polygons,
 *       uncompressed or compressed RLE; {@code toRle(h, w)} matches pycocotools' annToRLE).
 *   <li>{@link org.mlpvision.datasets.coco.CategoryMap}: original ids to contiguous labels in
 *       ascending id order.
 *   <li>{@link org.mlpvision.datasets.coco.CocoInstances}: mmdet's image filters and {@link
 *       org.mlpvision.datasets.coco.InstanceTargets} (xyxy boxes, labels, masks, crowd ignore
 *       boxes).
 * </ul>
 *
 * Errors are {@link org.mlpvision.datasets.DatasetException}s naming file, item and field.
 */
package org.mlpvision.datasets.coco;
