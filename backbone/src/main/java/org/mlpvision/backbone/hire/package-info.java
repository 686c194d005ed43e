/** Hire-MLP (ggjy/Hire-Wave-MLP.pytorch): hierarchical rearrangement token mixing. */
package org.mlpvision.backbone.hire;
