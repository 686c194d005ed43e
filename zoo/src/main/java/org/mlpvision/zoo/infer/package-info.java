/**
 * {@code vision infer}: a model directory's predictor over a folder of images, writing pictures a
 * person can read and the files a program reads (a COCO results file, label PNGs), skipping bad
 * images by name.
 */
package org.mlpvision.zoo.infer;
