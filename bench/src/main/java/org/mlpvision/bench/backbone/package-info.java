/** Speed benchmarks of the backbones behind {@code vision bench backbone}. */
package org.mlpvision.bench.backbone;
