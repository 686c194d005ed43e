/**
 * What runs in Spark tasks: the model of each executor JVM, the task's device, one partition's
 * prediction, evaluation and output part.
 */
package org.mlpvision.spark.exec;
