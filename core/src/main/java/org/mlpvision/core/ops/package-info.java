/**
 * Tensor operations that DJL lacks, composed from NDArray primitives so that autograd works through
 * them: roll, circular padding, AS-MLP's axial shift, group norm and drop path. Each is checked
 * against a scalar reference and by float64 finite differences in the tests. {@link
 * org.mlpvision.core.ops.CustomGradient} joins a value and gradient computed outside autograd (a
 * fused loss) back into the graph.
 */
package org.mlpvision.core.ops;
