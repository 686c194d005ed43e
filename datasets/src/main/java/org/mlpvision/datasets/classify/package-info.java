/**
 * A deterministic synthetic shape-classification set (circle, square, triangle, cross on noisy
 * backgrounds), generated in memory and served as batches for the training engine.
 */
package org.mlpvision.datasets.classify;
