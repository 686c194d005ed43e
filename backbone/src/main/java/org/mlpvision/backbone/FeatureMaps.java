package org.mlpvision.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named feature maps a backbone returns, in order from fine to coarse (NCHW each).
 *
 * @param maps output name → tensor, in output order
 */
public record FeatureMaps(Map<String, NDArray> maps) {
  /** Copies the map, keeping its order. */
  public FeatureMaps {
    maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
  }

  /** The tensor named {@code name}; an unknown name lists the available ones. */
  public NDArray get(String name) {
    NDArray a = maps.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "no feature map '" + name + "'; available: " + maps.keySet());
    }
    return a;
  }

  /** Output names in order. */
  public List<String> names() {
    return List.copyOf(maps.keySet());
  }

  /** The tensors in order, each named after its output. */
  public NDList toNDList() {
    NDList list = new NDList(maps.size());
    maps.forEach(
        (name, a) -> {
          a.setName(name);
          list.add(a);
        });
    return list;
  }
}
