package org.mlpvision.detection.parity;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mlpvision.core.train.FixedStepContext;
import org.mlpvision.core.train.LossTerms;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.ParameterNames;
import org.mlpvision.core.weights.WeightLoader;
import org.mlpvision.datasets.structures.Detections;
import org.mlpvision.datasets.structures.ImageList;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.detector.TwoStageDetector;

/**
 * Runs the neck and heads of a {@link HeadsCase} and names every output as the golden README does:
 * a test case gives {@code fpn.*}, {@code rpn.*}, {@code proposals}, {@code stage*.*}, {@code
 * det_*}, {@code mask_*}; a training case gives the loss terms under mmdet's names, {@code
 * loss_total}, the accuracies, the sampled counts (int64) and {@code grad.<name>} of the listed
 * parameters.
 */
public final class HeadsParity {
  /**
   * What a run produced.
   *
   * @param load how the case's weights matched the model
   * @param outputs name to array (float32, counts and labels int64, masks uint8)
   */
  public record Result(LoadReport load, Map<String, NDArray> outputs) {}

  private HeadsParity() {}

  /**
   * Builds the case's detector on its stored pyramid, loads its weights strictly, and runs it.
   *
   * @param manager owns every array made
   */
  public static Result run(HeadsCase c, DetectorFactory factory, NDManager manager) {
    PrecomputedPyramid pyramid =
        new PrecomputedPyramid(c.features(), c.inputShape().get(2), c.inputShape().get(3));
    String src = c.dir().resolve("meta.json").toString();
    TwoStageDetector detector = factory.build(c.model(), pyramid, src, "model_cfg");
    detector.initialize(manager, DataType.FLOAT32, c.inputShape());
    LoadReport report = WeightLoader.load(detector, c.weights(), true, c.dir().toString());
    ImageList images =
        new ImageList(manager.zeros(c.inputShape(), DataType.FLOAT32), List.of(c.image()));
    ParameterStore ps = new ParameterStore(manager, false);
    Map<String, NDArray> out =
        c.training() ? train(c, detector, ps, images) : test(detector, ps, images);
    return new Result(report, out);
  }

  private static Map<String, NDArray> test(
      TwoStageDetector detector, ParameterStore ps, ImageList images) {
    TwoStageDetector.TestOutputs t = detector.simpleTest(ps, images);
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int l = 0; l < t.levels().size(); l++) {
      out.put("fpn." + l, t.levels().get(l));
    }
    for (int l = 0; l < t.rpn().cls().size(); l++) {
      out.put("rpn.cls." + l, t.rpn().cls().get(l));
      out.put("rpn.reg." + l, t.rpn().reg().get(l));
    }
    out.put("proposals", t.proposals().get(0));
    Detections d = t.roi().detections().get(0);
    out.put("det_bboxes", NDArrays.concat(new NDList(d.boxes(), d.scores().expandDims(1)), 1));
    out.put("det_labels", d.labels());
    out.putAll(t.roi().intermediates());
    if (d.masks() != null) {
      out.put("det_masks", d.masks());
    }
    return out;
  }

  private static Map<String, NDArray> train(
      HeadsCase c, TwoStageDetector detector, ParameterStore ps, ImageList images) {
    NDManager m = images.tensor().getManager();
    FixedStepContext step = new FixedStepContext(0, new Random(c.seed()));
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      LossTerms terms = detector.losses(ps, images, List.of(c.targets()), step);
      NDArray total = terms.total();
      gc.backward(total);
      terms.terms().forEach((k, v) -> out.put(k, v.stopGradient()));
      out.put("loss_total", total.stopGradient());
    }
    step.scalars()
        .forEach(
            (k, v) ->
                out.put(
                    k, k.contains("num_") ? m.create(Math.round(v)) : m.create(v.floatValue())));
    Map<String, Parameter> params = ParameterNames.of(detector);
    for (String name : c.gradParams()) {
      Parameter p = params.get(name);
      if (p == null) {
        throw new IllegalArgumentException("meta.json grad_params names unknown parameter " + name);
      }
      out.put("grad." + name, p.getArray().getGradient());
    }
    return out;
  }
}
