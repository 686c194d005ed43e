package org.mlpvision.detection.config;

/**
 * mmdet's {@code test_cfg} of a two-stage detector.
 *
 * @param rpn proposal generation
 * @param rcnn the final NMS and mask threshold
 */
public record TestCfg(ProposalConfig rpn, RcnnTestConfig rcnn) {
  /** Checks the keys. */
  public TestCfg {
    rpn = Required.of(rpn, "rpn");
    rcnn = Required.of(rcnn, "rcnn");
  }
}
