/** Necks: feature pyramids that are themselves backbones over a bottom-up one (mmdet's FPN). */
package org.mlpvision.detection.neck;
