/**
 * Deterministic synthetic data sets written in the real formats, so they go through the real
 * loaders: {@code coco-shapes} ({@link org.mlpvision.datasets.synth.CocoShapesWriter}) and {@code
 * ade-shapes} ({@link org.mlpvision.datasets.synth.AdeShapesWriter}).
 */
package org.mlpvision.datasets.synth;
