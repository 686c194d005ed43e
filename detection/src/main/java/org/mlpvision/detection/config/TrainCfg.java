package org.mlpvision.detection.config;

import java.util.List;

/**
 * mmdet's {@code train_cfg} of a two-stage detector.
 *
 * @param rpn anchor assignment and sampling
 * @param rpnProposal the proposals the RoI head trains on
 * @param rcnn one entry per RoI-head stage
 */
public record TrainCfg(RpnTrainConfig rpn, ProposalConfig rpnProposal, List<RcnnTrainConfig> rcnn) {
  /** Checks the keys. */
  public TrainCfg {
    rpn = Required.of(rpn, "rpn");
    rpnProposal = Required.of(rpnProposal, "rpn_proposal");
    rcnn = List.copyOf(Required.of(rcnn, "rcnn"));
  }
}
