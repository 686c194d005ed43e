package org.mlpvision.datasets.coco;

/** One entry of a COCO file's {@code categories}, with its original (possibly sparse) id. */
public record CocoCategory(long id, String name, String supercategory) {}
