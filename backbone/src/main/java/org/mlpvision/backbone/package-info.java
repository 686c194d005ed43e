/**
 * Hire-MLP and AS-MLP backbones: the detectron2-like contract ({@link
 * org.mlpvision.backbone.Backbone}, {@link org.mlpvision.backbone.FeatureSpec}, {@link
 * org.mlpvision.backbone.FeatureMaps}), the classifier form ({@link
 * org.mlpvision.backbone.Classifier}), and the factory ({@link org.mlpvision.backbone.Backbones},
 * {@link org.mlpvision.backbone.BackboneModule}).
 */
package org.mlpvision.backbone;
