package org.mlpvision.core.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * State-dict names of a DJL block tree: child names joined with dots, then the parameter name
 * ({@code network.0.1.attn.mlp_h1.weight}). DJL stores each child under a two-digit order prefix
 * ({@code 01network}); it is removed here, so blocks whose children and parameters are named as the
 * PyTorch modules get exactly the PyTorch keys.
 */
public final class ParameterNames {
  private ParameterNames() {}

  /** Every parameter of {@code root} by state-dict name, in block order. */
  public static Map<String, Parameter> of(Block root) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect(root, "", out);
    return out;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      out.put(prefix + p.getKey(), p.getValue());
    }
    int index = 0;
    for (Pair<String, Block> child : block.getChildren()) {
      index++;
      String orderPrefix = String.format(java.util.Locale.ROOT, "%02d", index);
      String key = child.getKey();
      String name = key.startsWith(orderPrefix) ? key.substring(orderPrefix.length()) : key;
      collect(child.getValue(), prefix + name + ".", out);
    }
  }
}
