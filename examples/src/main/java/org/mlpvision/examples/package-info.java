/**
 * Three short programs over model directories ({@code vision export}), written against DJL's public
 * API only: {@link org.mlpvision.examples.DetectObjects} (a folder of images, detections drawn),
 * {@link org.mlpvision.examples.SegmentScene} (one image, its classes painted) and {@link
 * org.mlpvision.examples.SimilarImages} (backbone embeddings, nearest neighbours).
 */
package org.mlpvision.examples;
