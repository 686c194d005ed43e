/** A job's images and their ground truth, resolved on the driver from Hadoop paths. */
package org.mlpvision.spark.data;
