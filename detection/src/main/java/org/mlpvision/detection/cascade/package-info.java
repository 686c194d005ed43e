/**
 * Cascade R-CNN's RoI head: three box stages refining each other's boxes and one mask head per
 * stage, with mmdet's test path ({@code simple_test}) and training path ({@code forward_train}).
 */
package org.mlpvision.detection.cascade;
