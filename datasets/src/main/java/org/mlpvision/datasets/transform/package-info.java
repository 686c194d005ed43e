/**
 * OpenCV transforms in mmdet/mmseg order and semantics, each recording what it did in the sample's
 * {@link org.mlpvision.datasets.transform.ImageMeta} (scale factors, flip, crop offsets, pad shape)
 * so predictions map back ({@code boxesToOriginal}). {@link
 * org.mlpvision.datasets.transform.Sample} owns its Mats; {@link
 * org.mlpvision.datasets.transform.Pipeline} chains steps, with the COCO and ADE20K presets.
 */
package org.mlpvision.datasets.transform;
