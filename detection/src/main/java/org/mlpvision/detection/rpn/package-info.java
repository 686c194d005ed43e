/**
 * RPN post-processing and training targets: proposals from objectness and deltas, anchor targets.
 */
package org.mlpvision.detection.rpn;
