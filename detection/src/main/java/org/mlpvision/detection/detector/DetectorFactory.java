package org.mlpvision.detection.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import java.util.List;
import java.util.Map;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.core.config.ConfigException;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.inject.Components;
import org.mlpvision.core.inject.ConfigType;
import org.mlpvision.detection.bbox.BboxHeadConfig;
import org.mlpvision.detection.config.ComponentParser;
import org.mlpvision.detection.mask.MaskHeadConfig;
import org.mlpvision.detection.neck.Neck;
import org.mlpvision.detection.neck.NeckConfig;
import org.mlpvision.detection.roi.RoiHead;
import org.mlpvision.detection.roi.RoiHeadConfig;
import org.mlpvision.detection.rpn.RpnHead;
import org.mlpvision.detection.rpn.RpnHeadConfig;

/**
 * Builds detectors from the {@code model} section of a recipe (or an mmdet model config in JSON):
 * the components are chosen by {@code type} among those registered with Guice (see {@link
 * org.mlpvision.detection.DetectionModule}); every error names the source and the key path.
 */
public final class DetectorFactory {
  private final Backbones backbones;
  private final Map<Class<?>, Map<String, ? extends ConfigType<?>>> registries;

  /** The factory over the registered backbones, necks and heads. */
  @Inject
  public DetectorFactory(
      Backbones backbones,
      Map<String, ConfigType<NeckConfig>> necks,
      Map<String, ConfigType<RpnHeadConfig>> rpnHeads,
      Map<String, ConfigType<RoiHeadConfig>> roiHeads,
      Map<String, ConfigType<BboxHeadConfig>> bboxHeads,
      Map<String, ConfigType<MaskHeadConfig>> maskHeads) {
    this.backbones = backbones;
    registries =
        Map.of(
            NeckConfig.class, necks,
            RpnHeadConfig.class, rpnHeads,
            RoiHeadConfig.class, roiHeads,
            BboxHeadConfig.class, bboxHeads,
            MaskHeadConfig.class, maskHeads);
  }

  /** Binds the {@code model} section; the typed parts are bound when the detector is built. */
  public static DetectorConfig config(JsonNode model, String source, String path) {
    return ConfigLoader.bind(model, DetectorConfig.class, source, path);
  }

  /** Builds the detector with the backbone its config names. */
  public TwoStageDetector build(DetectorConfig config, String source, String path) {
    if (config.backbone() == null || config.backbone().isNull()) {
      throw new ConfigException(source, path + ".backbone", "a backbone is required");
    }
    Backbone backbone =
        wrap(
            source,
            path + ".backbone",
            () -> backbones.fromJson(config.backbone(), source, path + ".backbone").dense());
    return build(config, backbone, source, path);
  }

  /**
   * Builds the detector on a given bottom-up backbone ({@code model.backbone} is not read).
   *
   * @param path the key path of the model section in {@code source}
   */
  public TwoStageDetector build(
      DetectorConfig config, Backbone backbone, String source, String path) {
    ComponentParser parser = parser(source);
    NeckConfig neckConfig = parser.parse(NeckConfig.class, config.neck(), path + ".neck");
    Neck neck = wrap(source, path + ".neck", () -> neckConfig.build(backbone));
    List<FeatureSpec> levels = neck.outputShapes();
    RpnHeadConfig rpnConfig =
        parser.parse(RpnHeadConfig.class, config.rpnHead(), path + ".rpn_head");
    RpnHead rpn = wrap(source, path + ".rpn_head", () -> rpnConfig.build(levels));
    RoiHeadConfig roiConfig =
        parser.parse(RoiHeadConfig.class, config.roiHead(), path + ".roi_head");
    RoiHead roi =
        wrap(source, path + ".roi_head", () -> roiConfig.build(levels, parser, path + ".roi_head"));
    return new TwoStageDetector(neck, rpn, roi, config.trainCfg(), config.testCfg());
  }

  /** A parser of the registered component types whose errors name {@code source}. */
  public ComponentParser parser(String source) {
    return new ComponentParser() {
      @Override
      @SuppressWarnings("unchecked")
      public <K> K parse(Class<K> kind, JsonNode node, String path) {
        Map<String, ConfigType<K>> types = (Map<String, ConfigType<K>>) registries.get(kind);
        if (types == null) {
          throw new IllegalArgumentException("no registry of " + kind.getSimpleName());
        }
        String name = path.substring(path.lastIndexOf('.') + 1);
        return Components.parse(types, node, source, path, name);
      }
    };
  }

  private static <T> T wrap(String source, String path, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, path, e.getMessage());
    }
  }
}
