/** AS-MLP (svip-lab/AS-MLP): axial shifted token mixing with single-group GroupNorm. */
package org.mlpvision.backbone.asmlp;
