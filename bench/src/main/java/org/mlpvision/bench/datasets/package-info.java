/**
 * Data benchmarks behind {@code vision bench pipeline} (COCO training pipeline throughput and its
 * per-stage breakdown) and {@code vision bench coco-parse} (streaming parse time and heap).
 */
package org.mlpvision.bench.datasets;
