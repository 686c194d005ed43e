/**
 * COCO mask codecs, exact to pycocotools (maskApi.c).
 *
 * <ul>
 *   <li>{@link org.mlpvision.datasets.mask.Rle}: run-length mask (column-major, runs start with
 *       zeros); {@code fromBitmap}/{@code toBitmap} (row-major bytes), {@code area()}, {@code
 *       bbox()} ({@code [x,y,w,h]}).
 *   <li>{@link org.mlpvision.datasets.mask.RleString}: the compressed {@code counts} string, {@code
 *       encode(rle)} and {@code decode(string, h, w)}.
 *   <li>{@link org.mlpvision.datasets.mask.PolygonRasterizer}: {@code polygon(xy, h, w)}, {@code
 *       polygons(list, h, w)} (rasterize and union, as {@code annToRLE}), {@code box(xywh, h, w)}.
 *   <li>{@link org.mlpvision.datasets.mask.RleOps}: {@code merge(list, intersect)}, {@code iou(dt,
 *       gt, crowd)} and {@code boxIou(dt, gt, crowd)} as {@code [dt][gt]} matrices with the crowd
 *       rule (intersection over the detection's area).
 * </ul>
 *
 * Malformed input ({@code counts} not summing to {@code h*w}, bad characters, truncated strings)
 * raises {@link java.lang.IllegalArgumentException}; the COCO reader adds file, id and field.
 */
package org.mlpvision.datasets.mask;
