/** Semantic segmentation: UperNet with the auxiliary FCN head on any {@code Backbone}. */
package org.mlpvision.segmentation;
