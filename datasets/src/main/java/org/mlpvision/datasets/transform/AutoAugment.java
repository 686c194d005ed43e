package org.mlpvision.datasets.transform;

import java.util.List;
import java.util.Random;

/** mmdet {@code AutoAugment}: applies one of several policies, chosen uniformly per sample. */
public final class AutoAugment implements Transform {
  private final List<Transform> policies;

  public AutoAugment(List<Transform> policies) {
    if (policies.isEmpty()) {
      throw new IllegalArgumentException("AutoAugment needs at least one policy");
    }
    this.policies = List.copyOf(policies);
  }

  @Override
  public boolean apply(Sample s, Random rnd) {
    return policies.get(rnd.nextInt(policies.size())).apply(s, rnd);
  }
}
