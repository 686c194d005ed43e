/** Files on any Hadoop file system, read and written for the local-file readers of this code. */
package org.mlpvision.spark.io;
