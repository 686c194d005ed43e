package org.mlpvision.detection.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlpvision.core.config.ConfigLoader;

/**
 * A detection recipe for whole-run tests: the tiny Cascade Mask R-CNN of {@link TinyDetectors} on a
 * few synthetic coco-shapes images (generated into the run's work directory), a few iterations.
 */
public final class TinyRecipe {
  private TinyRecipe() {}

  /**
   * @param iters optimizer steps
   * @param every checkpoint period (the evaluation runs once, at the end)
   * @param seed the run's seed
   */
  public static String json(int iters, int every, long seed) {
    ObjectNode root = ConfigLoader.mapper().createObjectNode();
    root.put("task", "detection");
    root.putObject("runtime").put("device", "cpu").put("seed", seed);
    ObjectNode model = TinyDetectors.modelNode();
    // The synthetic set has four categories.
    for (var head : model.get("roi_head").get("bbox_head")) {
      ((ObjectNode) head).put("num_classes", 4);
    }
    ((ObjectNode) model.get("roi_head").get("mask_head")).put("num_classes", 4);
    // Every proposal's boxes may come out, so that some meet the ground truth before training.
    ((ObjectNode) model.get("test_cfg").get("rcnn")).put("max_per_img", 100);
    root.set("model", model);
    ObjectNode data = root.putObject("data");
    data.put("samples_per_gpu", 2).put("workers_per_gpu", 1).put("data_root", "coco-shapes");
    data.putObject("synth")
        .put("images", 6)
        .put("val_images", 3)
        .put("width", 96)
        .put("height", 64)
        .put("seed", 3);
    data.set("train", split("train2017", true));
    data.set("val", split("val2017", false));
    ObjectNode train = root.putObject("train");
    train.put("max_iters", iters).put("log_every", 1).put("checkpoint_every", every);
    train.put("validate_every", 0).put("keep_checkpoints", 10);
    train.putObject("optimizer").put("lr", 1e-3).put("weight_decay", 0.05);
    train.putObject("schedule").put("policy", "constant");
    return root.toString();
  }

  private static ObjectNode split(String name, boolean train) {
    ObjectNode s = ConfigLoader.mapper().createObjectNode();
    s.put("type", "CocoDataset");
    s.put("ann_file", "annotations/instances_" + name + ".json");
    s.put("img_prefix", name + "/");
    ArrayNode p = s.putArray("pipeline");
    p.addObject().put("type", "LoadImageFromFile");
    if (train) {
      p.addObject().put("type", "LoadAnnotations").put("with_bbox", true).put("with_mask", true);
      p.addObject().put("type", "RandomFlip").put("flip_ratio", 0.5);
    }
    ObjectNode resize = p.addObject().put("type", "Resize").put("keep_ratio", true);
    resize.putArray("img_scale").add(96).add(64);
    p.addObject().put("type", "Normalize").putArray("mean").add(123.675).add(116.28).add(103.53);
    ((ObjectNode) p.get(p.size() - 1)).putArray("std").add(58.395).add(57.12).add(57.375);
    p.addObject().put("type", "Pad").put("size_divisor", 32);
    return s;
  }
}
