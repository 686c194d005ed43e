/**
 * Pictures a person can read: predictions painted over their images with OpenCV, shared by the
 * tasks' {@code predictions/} and {@code --show-dir} outputs and by {@code vision infer}.
 */
package org.mlpvision.datasets.visual;
