/** Layers DJL's PyTorch engine lacks, composed from supported operations. */
package org.mlpvision.detection.layers;
