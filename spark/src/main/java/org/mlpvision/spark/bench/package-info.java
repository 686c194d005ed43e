/** Throughput of distributed evaluation on a Spark context. */
package org.mlpvision.spark.bench;
