package org.mlpvision.segmentation.testing;

import java.util.Locale;

/**
 * A whole segmentation recipe small enough for unit tests: a tiny AS-MLP UperNet on a generated
 * ade-shapes set of 8 + 2 images of 64x64 (written into the work directory).
 */
public final class TinyRecipe {
  private TinyRecipe() {}

  /** The recipe JSON. */
  public static String json(int iters, int checkpointEvery, long seed) {
    return String.format(
        Locale.ROOT,
        """
        {"task": "segmentation",
         "runtime": {"device": "cpu", "seed": %d},
         "model": {
           "backbone": {"type": "as_mlp", "embed_dim": 8, "depths": [1, 1, 1, 1],
                        "shift_size": 3, "mlp_ratio": 2, "drop_path": 0.1},
           "decode_head": {"type": "uper_head", "channels": 8, "num_classes": 150,
                           "dropout_ratio": 0.1},
           "auxiliary_head": {"type": "fcn_head", "in_index": 2, "channels": 8, "num_convs": 1,
                              "concat_input": false, "num_classes": 150,
                              "loss_decode": {"type": "cross_entropy", "loss_weight": 0.4}},
           "test_cfg": {"mode": "whole", "crop_size": [48, 48], "stride": [32, 32]}},
         "data": {"root": "ade", "samples_per_gpu": 2,
                  "synth": {"images": 8, "val_images": 2, "width": 64, "height": 64, "seed": 3},
                  "pipeline": {"img_scale": [96, 64], "ratio_range": [0.75, 1.25],
                               "crop_size": [48, 48]}},
         "train": {"max_iters": %d, "log_every": 1, "checkpoint_every": %d,
                   "validate_every": %d,
                   "optimizer": {"lr": 0.001, "weight_decay": 0.01},
                   "schedule": {"policy": "poly", "warmup_iters": 2, "warmup_ratio": 1e-6}}}
        """,
        seed,
        iters,
        checkpointEvery,
        iters);
  }
}
