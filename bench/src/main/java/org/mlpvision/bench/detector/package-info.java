/** Speed and memory of whole detectors behind {@code vision bench detector}. */
package org.mlpvision.bench.detector;
