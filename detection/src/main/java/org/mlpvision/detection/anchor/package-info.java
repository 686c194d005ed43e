/**
 * Anchor generation with mmdet semantics: base anchors, per-level grids, valid and inside flags.
 */
package org.mlpvision.detection.anchor;
