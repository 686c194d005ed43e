/**
 * The region proposal network: mmdet's {@code RPNHead}, its proposals from objectness and deltas,
 * and its anchor targets and losses.
 */
package org.mlpvision.detection.rpn;
