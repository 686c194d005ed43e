package org.mlpvision.datasets.coco;

/**
 * One entry of a COCO file's {@code images}: the id, the file name relative to the image root
 * (checked not to escape it) and the size in pixels.
 */
public record CocoImage(long id, String fileName, int width, int height) {}
