/**
 * Fast JSON reading for large annotation and results files: {@link
 * org.mlpvision.datasets.json.JsonCursor} reads values straight into primitives from a
 * memory-mapped {@link org.mlpvision.datasets.json.JsonDocument}, and {@link
 * org.mlpvision.datasets.json.ParallelArrayReader} reads the elements of a large array on all cores
 * with the results and errors of a sequential read.
 */
package org.mlpvision.datasets.json;
