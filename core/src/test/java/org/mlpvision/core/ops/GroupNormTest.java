package org.mlpvision.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.testing.GradientCheck;

class GroupNormTest {
  @Test
  void singleGroupHasZeroMeanAndUnitVarianceOverChannelsAndSpace() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(3, 2, new Shape(2, 4, 5, 6), DataType.FLOAT64);
      NDArray y = GroupNorm.groupNorm(x, 1, null, null, 1e-5f);
      NDArray flat = y.reshape(2, -1);
      double[] mean = flat.mean(new int[] {1}).toDoubleArray();
      double[] var = flat.pow(2).mean(new int[] {1}).toDoubleArray();
      for (int b = 0; b < 2; b++) {
        assertThat(mean[b]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(var[b]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  @Test
  void matchesMeanVarianceReferenceWithPerChannelAffine() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(2, 6, 3, 4), DataType.FLOAT64);
      NDArray gamma = m.randomUniform(0.5f, 1.5f, new Shape(6), DataType.FLOAT64);
      NDArray beta = m.randomNormal(0, 1, new Shape(6), DataType.FLOAT64);
      for (int groups : new int[] {1, 2, 3}) {
        NDArray g = x.reshape(2, groups, -1);
        NDArray mu = g.mean(new int[] {2}, true);
        NDArray var = g.sub(mu).pow(2).mean(new int[] {2}, true);
        NDArray ref =
            g.sub(mu)
                .div(var.add(1e-5).sqrt())
                .reshape(2, 6, 3, 4)
                .mul(gamma.reshape(6, 1, 1))
                .add(beta.reshape(6, 1, 1));
        NDArray y = GroupNorm.groupNorm(x, groups, gamma, beta, 1e-5f);
        assertThat(y.sub(ref).abs().max().getDouble()).isLessThan(1e-10);
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(0, 1, new Shape(2, 4, 3, 2), DataType.FLOAT64);
      NDArray gamma = m.randomUniform(0.5f, 1.5f, new Shape(4), DataType.FLOAT64);
      NDArray beta = m.randomNormal(0, 1, new Shape(4), DataType.FLOAT64);
      assertThat(
              GradientCheck.maxRelativeError(
                  m, x, a -> GroupNorm.groupNorm(a, 1, gamma, beta, 1e-5f), 1e-6))
          .isLessThan(1e-5);
    }
  }
}
