package org.mlpvision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import org.mlpvision.core.ops.GroupNorm;

/**
 * {@code torch.nn.GroupNorm} as a layer ({@code weight}, {@code bias} per channel, eps 1e-5).
 * AS-MLP uses one group everywhere: statistics over C×H×W per sample.
 */
public final class GroupNormLayer extends UnaryLayer {
  private static final float EPS = 1e-5f;
  private final int groups;
  private final Parameter gamma;
  private final Parameter beta;

  /** A group norm over {@code channels} in {@code groups} groups. */
  public GroupNormLayer(int groups, int channels) {
    if (channels % groups != 0) {
      throw new IllegalArgumentException(
          "channels " + channels + " not divisible into " + groups + " groups");
    }
    this.groups = groups;
    Shape s = new Shape(channels);
    gamma = parameter("weight", Parameter.Type.GAMMA, s, new ConstantInitializer(1f));
    beta = parameter("bias", Parameter.Type.BETA, s, Initializer.ZEROS);
  }

  @Override
  protected NDArray compute(ParameterStore ps, NDArray x, boolean training) {
    return GroupNorm.groupNorm(
        x, groups, value(ps, gamma, x, training), value(ps, beta, x, training), EPS);
  }
}
