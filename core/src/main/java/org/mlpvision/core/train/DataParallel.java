package org.mlpvision.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter copies on one or more devices and the reduction of their gradients to the first device.
 * The first device holds the master weights (the model's own arrays); after each optimizer step the
 * other copies are overwritten from it. With one device there are no copies at all.
 */
final class DataParallel implements ParameterServer {
  private final List<Device> devices;
  private final ParameterStore store;
  private final Map<String, NDArray[]> replicas = new LinkedHashMap<>();
  private final Map<String, NDArray> reduced = new LinkedHashMap<>();
  private final List<NDArray> deviceGrads = new ArrayList<>();
  private NDManager scope;

  /**
   * @param manager long-lived manager of the parameter copies
   * @param devices training devices; the first one holds the master weights
   */
  DataParallel(NDManager manager, List<Device> devices) {
    this.devices = List.copyOf(devices);
    this.store = new ParameterStore(manager, false);
    store.setParameterServer(this, devices.toArray(Device[]::new));
  }

  /** The store that blocks read their parameters from. */
  ParameterStore store() {
    return store;
  }

  /** The devices, first one the master. */
  List<Device> devices() {
    return devices;
  }

  /**
   * The gradient of every trainable parameter, summed onto the first device, keyed by parameter id.
   * The wrappers and sums live in {@code iterationScope}.
   */
  Map<String, NDArray> reduceGradients(NDManager iterationScope) {
    this.scope = iterationScope;
    reduced.clear();
    deviceGrads.clear();
    store.updateAllParameters(); // calls update(id, params) below for each trainable parameter
    return reduced;
  }

  /** Zeroes every device's gradients and copies the master weights to the other devices. */
  void finishStep() {
    for (NDArray g : deviceGrads) {
      // set() writes true zeros; multiplying by 0 would keep NaNs.
      g.set(new NDIndex("..."), 0f);
    }
    for (NDArray[] copies : replicas.values()) {
      for (int i = 1; i < copies.length; i++) {
        NDArray moved = copies[0].toDevice(copies[i].getDevice(), true);
        moved.attach(scope);
        copies[i].set(new NDIndex("..."), moved);
      }
    }
  }

  @Override
  public void init(String parameterId, NDArray[] value) {
    // Called by the store before it makes the per-device copies; they are recorded in update().
  }

  @Override
  public void update(String parameterId, NDArray[] params) {
    replicas.putIfAbsent(parameterId, params);
    NDArray sum = null;
    for (NDArray p : params) {
      NDArray g = p.getGradient();
      g.attach(scope); // each getGradient() is a new wrapper; free it with the iteration
      deviceGrads.add(g);
      if (sum == null) {
        sum = g;
      } else {
        NDArray moved = g.toDevice(devices.get(0), false);
        moved.attach(scope);
        sum = sum.add(moved);
      }
    }
    reduced.put(parameterId, sum);
  }

  @Override
  public void update(String parameterId, NDArray[] grads, NDArray[] params) {
    throw new UnsupportedOperationException("gradients are reduced by the training loop");
  }

  @Override
  public void close() {
    replicas.clear();
  }
}
