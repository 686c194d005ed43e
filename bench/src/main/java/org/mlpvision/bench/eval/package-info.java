/**
 * Benchmarks of the evaluators: COCO box and mask AP on a generated COCO-scale case ({@link
 * org.mlpvision.bench.eval.CocoEvalBenchmark}).
 */
package org.mlpvision.bench.eval;
