package org.mlpvision.segmentation.parity;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.backbone.FeatureMaps;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.datasets.transform.ImageMeta;
import org.mlpvision.segmentation.EncoderDecoder;
import org.mlpvision.segmentation.SegmentorModule;
import org.mlpvision.segmentation.heads.DecodeHeadConfig;
import org.mlpvision.segmentation.inference.TestCfg;
import org.mlpvision.segmentation.inference.Window;

/**
 * Runs the UperNet heads of a golden case folder ({@code shared/golden/heads/README.md}): {@code
 * meta.json} (the mmseg model and test config, image meta, windows), {@code weights.safetensors}
 * (loaded strictly), {@code features.npz} (one pyramid per window) and, for a training case, {@code
 * targets.npz}. The heads are built from the case's mmseg config through the same registry recipes
 * use, and run inside an {@link EncoderDecoder} over a {@link PrecomputedPyramid}, so inference and
 * losses go through the segmentor's own code.
 *
 * <p>Inference outputs: {@code decode.logits} and {@code aux.logits} (one per window), {@code
 * seg_logits} at {@code ori_shape}, {@code pred}. Training outputs: {@code decode.loss_seg}, {@code
 * decode.acc_seg}, {@code aux.loss_seg}, {@code aux.acc_seg}, {@code loss_total} and the {@code
 * grad.*} that {@code meta.json} lists.
 */
public final class HeadsCase {
  private final Path dir;
  private final JsonNode meta;
  private final String source;
  private final Map<String, ConfigType<DecodeHeadConfig>> types =
      Guice.createInjector(new SegmentorModule())
          .getInstance(Components.typesKey(DecodeHeadConfig.class));

  private HeadsCase(Path dir) {
    this.dir = dir;
    this.source = dir.resolve("meta.json").toString();
    this.meta = ConfigLoader.readTree(dir.resolve("meta.json"));
  }

  /** Opens a case folder (reads its {@code meta.json}). */
  public static HeadsCase open(Path dir) {
    return new HeadsCase(dir);
  }

  /** Whether the case holds targets (losses and gradients) rather than inference outputs. */
  public boolean isTraining() {
    return Files.isRegularFile(dir.resolve("targets.npz"));
  }

  /**
   * Computes the case's output keys on the default device.
   *
   * @param manager holds the returned arrays
   */
  public Map<String, NDArray> run(NDManager manager) throws IOException {
    Map<String, NDArray> features = read(manager, dir.resolve("features.npz"));
    List<String> levelNames = new ArrayList<>();
    meta.path("features").path("arrays").fieldNames().forEachRemaining(levelNames::add);
    if (levelNames.isEmpty()) {
      levelNames.addAll(features.keySet());
    }
    long[] input = longs(meta.get("input_image_tensor"), "input_image_tensor", 4);
    int n = (int) input[0];
    int h = (int) input[2];
    int w = (int) input[3];
    TestCfg test =
        ConfigLoader.bind(
            meta.path("model_cfg").path("test_cfg"), TestCfg.class, source, "test_cfg");
    List<Window> windows =
        test.isSlide()
            ? Window.grid(
                h,
                w,
                test.cropSize().get(0),
                test.cropSize().get(1),
                test.stride().get(0),
                test.stride().get(1))
            : List.of(new Window(0, h, 0, w));
    checkWindows(windows);
    List<FeatureSpec> specs = new ArrayList<>();
    for (String name : levelNames) {
      NDArray f = require(features, name, "features.npz");
      // Nominal stride: the power of two nearest to window size / map size (maps of odd sizes are
      // rounded up by the backbone).
      double ratio = (double) windows.get(0).height() / f.getShape().get(2);
      int stride = 1 << (int) Math.round(Math.log(ratio) / Math.log(2));
      specs.add(new FeatureSpec(name, (int) f.getShape().get(1), stride));
    }
    List<FeatureMaps> pyramids = new ArrayList<>();
    long stored = features.get(levelNames.get(0)).getShape().get(0);
    if (windows.size() == 1) {
      pyramids.add(levels(features, levelNames, 0, stored));
    } else if (stored == windows.size()) {
      for (int i = 0; i < windows.size(); i++) {
        pyramids.add(levels(features, levelNames, i, i + 1));
      }
    } else {
      throw new ConfigException(
          source, "features", stored + " pyramids stored for " + windows.size() + " windows");
    }
    EncoderDecoder model =
        new EncoderDecoder(
            new PrecomputedPyramid(specs, windows, pyramids),
            head("decode_head", specs).build(specs),
            head("auxiliary_head", specs).build(specs),
            test);
    model.initialize(manager, DataType.FLOAT32, new Shape(input));
    WeightLoader.load(
        model, StateDict.read(dir.resolve("weights.safetensors"), manager), true, "weights");
    NDArray image = PrecomputedPyramid.coordinateImage(features.get(levelNames.get(0)), n, h, w);
    ImageList images = new ImageList(image, java.util.Collections.nCopies(n, imageMeta(h, w)));
    ParameterStore ps = new ParameterStore(manager, false);
    return isTraining() ? train(model, images, ps, manager) : infer(model, images, pyramids, ps);
  }

  private Map<String, NDArray> infer(
      EncoderDecoder model, ImageList images, List<FeatureMaps> pyramids, ParameterStore ps) {
    NDList decode = new NDList();
    NDList aux = new NDList();
    for (FeatureMaps p : pyramids) {
      decode.add(model.decodeLogits(ps, p, false));
      aux.add(model.auxiliaryLogits(ps, p, false));
    }
    NDArray segLogits = model.originalLogits(ps, images).get(0);
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("decode.logits", NDArrays.concat(decode, 0));
    out.put("aux.logits", NDArrays.concat(aux, 0));
    out.put("seg_logits", segLogits);
    out.put("pred", segLogits.argMax(1).toType(DataType.INT64, false));
    return out;
  }

  private Map<String, NDArray> train(
      EncoderDecoder model, ImageList images, ParameterStore ps, NDManager manager)
      throws IOException {
    NDArray labels =
        require(read(manager, dir.resolve("targets.npz")), "gt_semantic_seg", "targets.npz")
            .squeeze(1);
    FixedStepContext step = new FixedStepContext(0, new Random(0));
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossTerms terms = model.losses(ps, images, labels, step);
      NDArray total = terms.total();
      gc.backward(total);
      for (Map.Entry<String, NDArray> t : terms.terms().entrySet()) {
        String prefix = t.getKey().substring(0, t.getKey().indexOf('.'));
        out.put(t.getKey(), scalar(manager, t.getValue().getFloat()));
        out.put(prefix + ".acc_seg", scalar(manager, step.scalars().get(prefix + ".acc_seg")));
      }
      out.put("loss_total", scalar(manager, total.getFloat()));
    }
    Map<String, Parameter> params = ParameterNames.of(model);
    for (Iterator<String> it = meta.path("outputs").fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.startsWith("grad.")) {
        Parameter p = params.get(key.substring(5));
        if (p == null) {
          throw new ConfigException(source, "outputs." + key, "the model has no such parameter");
        }
        out.put(key, p.getArray().getGradient());
      }
    }
    return out;
  }

  private DecodeHeadConfig head(String key, List<FeatureSpec> specs) {
    String path = "model_cfg." + key;
    JsonNode ours =
        MmsegHeadConfigs.translate(meta.path("model_cfg").get(key), specs, source, path);
    return Components.parse(types, ours, source, path, "head");
  }

  /** The case's image meta: ori_shape, img_shape, pad_shape, scale_factor, flip. */
  private ImageMeta imageMeta(int h, int w) {
    JsonNode img = meta.path("image");
    long[] ori = longs(img.get("ori_shape"), "image.ori_shape", -1);
    long[] shape = longs(img.get("img_shape"), "image.img_shape", -1);
    if (shape[0] != h || shape[1] != w) {
      throw new ConfigException(
          source,
          "image.img_shape",
          "the input image is " + h + "x" + w + " but img_shape is " + shape[0] + "x" + shape[1]);
    }
    JsonNode scale = img.path("scale_factor");
    double sw = scale.isArray() ? scale.get(0).asDouble() : scale.asDouble(1);
    double sh = scale.isArray() ? scale.get(1).asDouble() : scale.asDouble(1);
    return new ImageMeta(
        meta.path("case").asText(dir.getFileName().toString()),
        (int) ori[0],
        (int) ori[1],
        h,
        w,
        h,
        w,
        sw,
        sh,
        img.path("flip").asBoolean(false),
        0,
        0);
  }

  /** The case's windows, when it lists them, must be the ones the grid gives. */
  private void checkWindows(List<Window> windows) {
    JsonNode listed = meta.get("windows_y1_y2_x1_x2");
    if (listed == null) {
      return;
    }
    List<Window> expected = new ArrayList<>();
    for (JsonNode wd : listed) {
      expected.add(
          new Window(wd.get(0).asInt(), wd.get(1).asInt(), wd.get(2).asInt(), wd.get(3).asInt()));
    }
    if (!expected.equals(windows)) {
      throw new ConfigException(
          source,
          "windows_y1_y2_x1_x2",
          "the case lists " + expected + " but the grid gives " + windows);
    }
  }

  private static FeatureMaps levels(
      Map<String, NDArray> features, List<String> names, long from, long to) {
    Map<String, NDArray> maps = new LinkedHashMap<>();
    for (String name : names) {
      maps.put(name, features.get(name).get("{}:{}", from, to));
    }
    return new FeatureMaps(maps);
  }

  private long[] longs(JsonNode node, String key, int size) {
    if (node == null || !node.isArray() || (size >= 0 && node.size() != size)) {
      throw new ConfigException(
          source, key, "expected a list of " + size + " integers, got " + node);
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asLong();
    }
    return out;
  }

  private static NDArray scalar(NDManager m, double v) {
    return m.create(v);
  }

  private static NDArray require(Map<String, NDArray> arrays, String name, String file) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          file + " has no array '" + name + "'; it has " + arrays.keySet());
    }
    return a;
  }

  private static Map<String, NDArray> read(NDManager m, Path file) throws IOException {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (NDArray a : NDList.decode(m, in)) {
        String name = a.getName();
        out.put(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name, a);
      }
    }
    return out;
  }
}
