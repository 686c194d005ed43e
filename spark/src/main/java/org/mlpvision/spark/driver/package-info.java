/** The driver's side of a job: the progress line and the joining of the accepted output parts. */
package org.mlpvision.spark.driver;
