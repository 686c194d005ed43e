package org.mlpvision.segmentation.testing;

import java.util.List;
import org.mlpvision.backbone.asmlp.AsMlpConfig;
import org.mlpvision.segmentation.SegmentorConfig;
import org.mlpvision.segmentation.heads.FcnHeadConfig;
import org.mlpvision.segmentation.heads.LossDecodeConfig;
import org.mlpvision.segmentation.heads.UperHeadConfig;
import org.mlpvision.segmentation.inference.TestCfg;

/** A UperNet on an AS-MLP narrow enough for unit tests (widths 8..64, 3 classes, no dropout). */
public final class TinyUperNet {
  /** Classes of the tiny model. */
  public static final int CLASSES = 3;

  private TinyUperNet() {}

  /** The model config with {@code test}. */
  public static SegmentorConfig config(TestCfg test) {
    AsMlpConfig backbone =
        new AsMlpConfig(null, 8, List.of(1, 1, 1, 1), 3, 2.0, 0.0, null, null, null, null);
    UperHeadConfig decode = new UperHeadConfig(null, null, null, 8, 0.0, CLASSES, null, null, null);
    FcnHeadConfig aux =
        new FcnHeadConfig(
            null, 2, 8, 1, 3, false, 0.0, CLASSES, null, null, new LossDecodeConfig(null, 0.4));
    return new SegmentorConfig(backbone, decode, aux, test, null);
  }
}
