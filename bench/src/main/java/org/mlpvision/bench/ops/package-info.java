/** Benchmarks of the detection primitives behind {@code vision bench ops}. */
package org.mlpvision.bench.ops;
