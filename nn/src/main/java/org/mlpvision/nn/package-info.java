/**
 * The layer library shared by backbones, necks and heads: DJL blocks whose parameter names are the
 * PyTorch state-dict names, so that a block tree maps one-to-one onto official checkpoints. {@link
 * org.mlpvision.nn.Layer} is the base; {@link org.mlpvision.nn.UnaryLayer} the one-tensor case;
 * {@link org.mlpvision.nn.Conv} and {@link org.mlpvision.nn.ConvModule} are built in DJL's builder
 * style; {@link org.mlpvision.nn.BatchNorm2d} follows the engine's one BatchNorm mode mechanism.
 */
package org.mlpvision.nn;
