/**
 * Checkpoint import and export by PyTorch state-dict names: reading, name mapping of DJL block
 * trees, strict and non-strict loading with a report.
 */
package org.mlpvision.core.weights;
