package org.mlpvision.detection.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.datasets.structures.GtInstances;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.detection.config.TestCfg;
import org.mlpvision.detection.config.TrainCfg;
import org.mlpvision.detection.detector.DetectorConfig;
import org.mlpvision.detection.detector.DetectorFactory;

/**
 * A golden heads case folder ({@code shared/golden/heads/README.md}): the mmdet model config and
 * its {@code test_cfg} / {@code train_cfg}, the image meta, the head weights, the stored feature
 * pyramid, and for training cases the targets. A top-level {@code train_cfg} or {@code test_cfg} in
 * {@code meta.json} replaces the model's, as mmdet's top-level configs do.
 *
 * @param dir the folder
 * @param model the detector config ({@code model_cfg})
 * @param image the image meta
 * @param inputShape {@code (N,3,H,W)} of the image the backbone saw
 * @param features the pyramid by name, fine to coarse
 * @param weights the head weights by mmdet state-dict name
 * @param targets the ground truth of a training case, or null for a test case
 * @param gradParams the parameters whose gradients a training case checks
 * @param seed the case's seed
 */
public record HeadsCase(
    Path dir,
    DetectorConfig model,
    ImageMeta image,
    Shape inputShape,
    Map<String, NDArray> features,
    StateDict weights,
    GtInstances targets,
    List<String> gradParams,
    long seed) {

  /** Whether this is a training case (it holds {@code targets.npz}). */
  public boolean training() {
    return targets != null;
  }

  /**
   * Reads a case folder; arrays go to {@code manager}.
   *
   * @throws IOException when a file is missing or unreadable
   * @throws ConfigException when {@code meta.json} lacks a field or has a bad one
   */
  public static HeadsCase read(Path dir, NDManager manager) throws IOException {
    Path metaFile = dir.resolve("meta.json");
    String src = metaFile.toString();
    JsonNode meta = ConfigLoader.readTree(metaFile);
    DetectorConfig model = DetectorFactory.config(field(meta, "model_cfg", src), src, "model_cfg");
    TrainCfg train = model.trainCfg();
    TestCfg test = model.testCfg();
    if (meta.hasNonNull("train_cfg")) {
      train = ConfigLoader.bind(meta.get("train_cfg"), TrainCfg.class, src, "train_cfg");
    }
    if (meta.hasNonNull("test_cfg")) {
      test = ConfigLoader.bind(meta.get("test_cfg"), TestCfg.class, src, "test_cfg");
    }
    JsonNode input = field(meta, "input_image_tensor", src);
    Shape inputShape = new Shape(ints(input, 4, src, "input_image_tensor"));
    ImageMeta image = imageMeta(field(meta, "image", src), dir, src);
    Map<String, NDArray> features = npz(dir.resolve("features.npz"), manager);
    List<String> featureOrder = new ArrayList<>();
    field(field(meta, "features", src), "arrays", src)
        .fieldNames()
        .forEachRemaining(featureOrder::add);
    Map<String, NDArray> ordered = new LinkedHashMap<>();
    for (String name : featureOrder) {
      NDArray f = features.get(name);
      if (f == null) {
        throw new IOException("features.npz in " + dir + " lacks '" + name + "'");
      }
      ordered.put(name, f);
    }
    Path targetsFile = dir.resolve("targets.npz");
    GtInstances targets = null;
    if (Files.isRegularFile(targetsFile)) {
      targets = targets(npz(targetsFile, manager), inputShape, targetsFile);
    }
    List<String> grads = new ArrayList<>();
    if (meta.has("grad_params")) {
      meta.get("grad_params").forEach(n -> grads.add(n.asText()));
    }
    return new HeadsCase(
        dir,
        model.withCfgs(train, test),
        image,
        inputShape,
        ordered,
        StateDict.read(dir.resolve("weights.safetensors"), manager),
        targets,
        List.copyOf(grads),
        meta.path("seed").asLong(0));
  }

  private static ImageMeta imageMeta(JsonNode image, Path dir, String src) {
    long[] ori = ints(field(image, "ori_shape", src), -1, src, "image.ori_shape");
    long[] img = ints(field(image, "img_shape", src), -1, src, "image.img_shape");
    long[] pad = ints(field(image, "pad_shape", src), -1, src, "image.pad_shape");
    JsonNode sf = field(image, "scale_factor", src);
    if (!sf.isArray() || sf.size() != 4) {
      throw new ConfigException(src, "image.scale_factor", "expected [w, h, w, h], got " + sf);
    }
    return new ImageMeta(
        dir.getFileName().toString(),
        (int) ori[0],
        (int) ori[1],
        (int) img[0],
        (int) img[1],
        (int) pad[0],
        (int) pad[1],
        (float) sf.get(0).asDouble(),
        (float) sf.get(1).asDouble(),
        image.path("flip").asBoolean(false),
        0,
        0);
  }

  /**
   * The targets at the batch's padded size: masks covering {@code img_shape} are zero-padded at the
   * bottom and right, as mmdet's {@code Pad} does.
   */
  private static GtInstances targets(Map<String, NDArray> t, Shape input, Path file)
      throws IOException {
    for (String k : List.of("gt_bboxes", "gt_labels", "gt_masks")) {
      if (!t.containsKey(k)) {
        throw new IOException(file + " lacks '" + k + "'");
      }
    }
    NDArray masks = t.get("gt_masks");
    Shape ms = masks.getShape();
    long h = input.get(2);
    long w = input.get(3);
    NDArray padded = masks.getManager().zeros(new Shape(ms.get(0), h, w), DataType.UINT8);
    padded.set(
        new ai.djl.ndarray.index.NDIndex(":, 0:" + ms.get(1) + ", 0:" + ms.get(2)),
        masks.toType(DataType.UINT8, false));
    return new GtInstances(
        t.get("gt_bboxes").toType(DataType.FLOAT32, false),
        t.get("gt_labels").toType(DataType.INT64, false),
        padded);
  }

  private static Map<String, NDArray> npz(Path file, NDManager manager) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("missing " + file);
    }
    NDList list;
    try (InputStream in = Files.newInputStream(file)) {
      list = NDList.decode(manager, in);
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (NDArray a : list) {
      out.put(a.getName(), a);
    }
    return out;
  }

  private static JsonNode field(JsonNode node, String key, String src) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new ConfigException(src, key, "missing");
    }
    return v;
  }

  private static long[] ints(JsonNode node, int n, String src, String path) {
    if (!node.isArray() || (n >= 0 && node.size() != n) || node.size() < 2) {
      throw new ConfigException(src, path, "expected a list of sizes, got " + node);
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asLong();
    }
    return out;
  }
}
