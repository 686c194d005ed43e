/**
 * Distributed inference and benchmark evaluation on Apache Spark: {@link
 * org.mlpvision.spark.SparkInference} runs a model directory over a data set split across executors
 * and merges the partitions' evaluations into the numbers of {@code vision test}.
 */
package org.mlpvision.spark;
