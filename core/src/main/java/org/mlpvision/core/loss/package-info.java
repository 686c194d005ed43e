/**
 * Generic losses shared by detection and segmentation: sigmoid BCE, softmax cross-entropy with an
 * ignore index and class weights, smooth L1 and L1, with weights and averaging factors.
 */
package org.mlpvision.core.loss;
