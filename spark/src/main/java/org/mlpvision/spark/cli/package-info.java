/**
 * The spark commands: {@code vision spark test|infer} and {@code vision bench spark} (registered by
 * the cli), and the application jar's main class for {@code spark-submit}.
 */
package org.mlpvision.spark.cli;
