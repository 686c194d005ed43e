/**
 * Building blocks of the backbones (convolution, BatchNorm, GroupNorm, linear, module lists) as DJL
 * blocks whose parameter names are the PyTorch state-dict names, so that the block tree maps
 * one-to-one onto official checkpoints.
 */
package org.mlpvision.backbone.nn;
