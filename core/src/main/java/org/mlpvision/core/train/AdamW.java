package org.mlpvision.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with per-parameter multipliers (torch semantics: decoupled decay, bias-corrected moments).
 * The moments are plain arrays owned by this object, keyed by parameter name, so that they can be
 * written into a checkpoint and read back exactly; DJL's built-in optimizers keep them private.
 */
public final class AdamW implements AutoCloseable {
  private final OptimizerConfig config;
  private final ParamGroups groups;
  private final NDManager stateManager;
  private final Map<String, Moments> state = new LinkedHashMap<>();

  /** First and second moments of one parameter and its number of updates. */
  private static final class Moments {
    final NDArray m;
    final NDArray v;
    long steps;

    Moments(NDArray m, NDArray v, long steps) {
      this.m = m;
      this.v = v;
      this.steps = steps;
    }
  }

  /**
   * @param config hyper-parameters and group rules
   * @param parent manager on the device of the parameters; the moments live in a child of it
   */
  public AdamW(OptimizerConfig config, NDManager parent) {
    this.config = config;
    this.groups = new ParamGroups(config.paramGroups());
    this.stateManager = parent.newSubManager();
  }

  /** The group rules in force. */
  public ParamGroups groups() {
    return groups;
  }

  /**
   * Updates {@code weight} in place from {@code grad}.
   *
   * @param name the parameter's full name (selects its group and its moments)
   * @param lr the schedule's learning rate for this iteration
   */
  public void update(String name, NDArray weight, NDArray grad, double lr) {
    Moments s =
        state.computeIfAbsent(
            name,
            k ->
                new Moments(
                    stateManager.zeros(weight.getShape()),
                    stateManager.zeros(weight.getShape()),
                    0));
    s.steps++;
    double effLr = lr * groups.lrMult(name);
    double wd = config.weightDecay() * groups.decayMult(name);
    double b1 = config.beta1();
    double b2 = config.beta2();
    // Every temporary is created inside the scope and freed at its end; m, v, w change in place.
    try (NDScope scope = new NDScope()) {
      if (wd > 0) {
        weight.muli(1.0 - effLr * wd);
      }
      s.m.muli(b1).addi(grad.mul(1.0 - b1));
      s.v.muli(b2).addi(grad.square().muli(1.0 - b2));
      double bc1 = 1.0 - Math.pow(b1, s.steps);
      double bc2 = 1.0 - Math.pow(b2, s.steps);
      NDArray denom = s.v.sqrt().divi(Math.sqrt(bc2)).addi(config.eps());
      weight.subi(s.m.div(denom).muli(effLr / bc1));
    }
  }

  /** Number of updates applied to {@code name} so far (0 when it was never updated). */
  public long steps(String name) {
    Moments s = state.get(name);
    return s == null ? 0 : s.steps;
  }

  /** Writes every parameter's moments and update count, in name order (stable bytes). */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(state.size());
    for (Map.Entry<String, Moments> e : new java.util.TreeMap<>(state).entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().steps);
      writeArray(out, e.getValue().m);
      writeArray(out, e.getValue().v);
    }
  }

  /** Replaces the state with what {@link #save} wrote. */
  public void load(DataInputStream in) throws IOException {
    clearState();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      long steps = in.readLong();
      NDArray m = readArray(in);
      NDArray v = readArray(in);
      state.put(name, new Moments(m, v, steps));
    }
  }

  private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
    byte[] bytes = a.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private NDArray readArray(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return NDArray.decode(stateManager, bytes);
  }

  private void clearState() {
    for (Moments s : state.values()) {
      s.m.close();
      s.v.close();
    }
    state.clear();
  }

  @Override
  public void close() {
    clearState();
    stateManager.close();
  }
}
