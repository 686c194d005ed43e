/**
 * The mmdet-style dicts detection configs are made of, as strict records with mmdet's key names and
 * defaults: box coder, losses, anchors, RoI extractors, norms, and the {@code train_cfg} / {@code
 * test_cfg} trees (assigners, samplers, proposals, NMS).
 */
package org.mlpvision.detection.config;
