/**
 * The DJL blocks a model directory loads into: the whole task model ({@link
 * org.mlpvision.zoo.block.TaskBlock}) or its backbone alone ({@link
 * org.mlpvision.zoo.block.BackboneBlock}), both taking a padded image batch and its image info.
 */
package org.mlpvision.zoo.block;
