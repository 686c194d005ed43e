package org.mlpvision.cli.backbone;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.backbone.Classifier;
import org.mlpvision.backbone.FeatureSpec;
import org.mlpvision.backbone.ParameterCount;
import org.mlpvision.core.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision backbone info}: parameters, conv+linear MACs and output shapes of a backbone,
 * computed from the architecture alone (no weights are allocated).
 */
@Command(name = "info", description = "Parameters, MACs and output shapes of a backbone.")
public final class BackboneInfoCommand implements Callable<Integer> {
  @Mixin ModelOption model;

  @Mixin InputSizeOption input;

  @Option(names = "--json", description = "Print JSON (keys params, macs, outputs)")
  boolean json;

  @Override
  public Integer call() throws Exception {
    long[] hw = input.hw();
    Map<String, Object> info = describe(model.build(), model.name(), hw[0], hw[1]);
    if (json) {
      System.out.println(ConfigLoader.mapper().writeValueAsString(info));
    } else {
      System.out.printf("model    %s (%s)%n", info.get("model"), info.get("form"));
      System.out.printf("input    %dx%d%n", hw[0], hw[1]);
      System.out.printf(
          "params   %,d (%.2fM)%n", (long) info.get("params"), (long) info.get("params") / 1e6);
      System.out.printf(
          "macs     %,d (%.3fG)%n", (long) info.get("macs"), (long) info.get("macs") / 1e9);
      for (Object o : (List<?>) info.get("outputs")) {
        Map<?, ?> out = (Map<?, ?>) o;
        System.out.printf(
            "output   %-8s shape %s%s%n",
            out.get("name"),
            out.get("shape"),
            out.containsKey("stride") ? " stride " + out.get("stride") : "");
      }
    }
    return 0;
  }

  /** The info map of {@code block} at H × W (batch 1). */
  static Map<String, Object> describe(Block block, String name, long h, long w) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("model", name);
    info.put("form", block instanceof Backbone ? "dense" : "classifier");
    info.put("input", List.of(h, w));
    info.put("params", ParameterCount.of(block));
    List<Map<String, Object>> outputs = new ArrayList<>();
    if (block instanceof Backbone b) {
      info.put("macs", b.macs(h, w));
      List<long[]> sizes = b.outputSizes(h, w);
      List<FeatureSpec> specs = b.outputShapes();
      for (int i = 0; i < specs.size(); i++) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", specs.get(i).name());
        o.put("channels", specs.get(i).channels());
        o.put("stride", specs.get(i).stride());
        o.put(
            "shape", List.of(1L, (long) specs.get(i).channels(), sizes.get(i)[0], sizes.get(i)[1]));
        outputs.add(o);
      }
    } else {
      Classifier c = (Classifier) block;
      info.put("macs", c.macs(h, w));
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", "logits");
      o.put("shape", List.of(1L, (long) c.numClasses()));
      outputs.add(o);
    }
    info.put("outputs", outputs);
    return info;
  }
}
