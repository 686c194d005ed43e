package org.mlpvision.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A tiny three-class problem for engine tests: 8 features, the class is the argmax of three fixed
 * linear scores. The model has dropout so that resume tests also cover the engine's RNG.
 */
final class TinyTask implements TrainTask<TinyTask.Batch> {
  /** Features and labels of one batch. */
  record Batch(NDArray x, NDArray y) {}

  private static final float[][] W = {
    {1, -1, 0.5f, 0, 0, 1, 0, -0.5f}, {-1, 1, 0, 0.5f, 1, 0, 0, 0}, {0, 0, -1, -1, 0, 0, 1, 1}
  };
  private final Block model;
  private final long seed;
  private final int batchSize;
  private final long sleepMs;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  /** Batch index at which the loss turns into NaN, or -1. */
  long nanAt = -1;

  /** Batch index at which batch() throws, like a crash, or -1. */
  long failAt = -1;

  /**
   * Batch {@code i} is the concatenation of {@code chunks} samples {@code i*chunks .. i*chunks +
   * chunks - 1} of {@code batchSize / chunks} points: with {@code chunks = 2} one batch holds
   * exactly the data of two consecutive micro-batches of a task with half the batch size.
   */
  int chunks = 1;

  /**
   * Each step trains on a random half of its batch, drawn from the step's random stream (like a
   * sampler), and records the stream's next draw as the scalar {@code draw}.
   */
  boolean sampleHalf;

  private long lastIndex = -1;

  TinyTask(NDManager manager, long seed, int batchSize, long sleepMs) {
    this(manager, seed, batchSize, sleepMs, 0.2f);
  }

  TinyTask(NDManager manager, long seed, int batchSize, long sleepMs, float dropout) {
    this.seed = seed;
    this.batchSize = batchSize;
    this.sleepMs = sleepMs;
    SequentialBlock net = new SequentialBlock();
    net.add(Linear.builder().setUnits(16).build());
    net.add(Activation.reluBlock());
    net.add(Dropout.builder().optRate(dropout).build());
    net.add(Linear.builder().setUnits(3).build());
    Engine.getInstance().setRandomSeed((int) seed);
    net.initialize(manager, DataType.FLOAT32, new Shape(batchSize, 8));
    this.model = net;
  }

  @Override
  public Block model() {
    return model;
  }

  @Override
  public Batch batch(long index, NDManager scope) {
    if (sleepMs > 0) {
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lastIndex = index;
    if (index == failAt) {
      throw new IllegalStateException("simulated crash at batch " + index);
    }
    if (chunks == 1) {
      return sample(seed, index, batchSize, scope);
    }
    List<NDArray> xs = new ArrayList<>();
    List<NDArray> ys = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      Batch part = sample(seed, index * chunks + c, batchSize / chunks, scope);
      xs.add(part.x());
      ys.add(part.y());
    }
    return new Batch(NDArrays.concat(new NDList(xs)), NDArrays.concat(new NDList(ys)));
  }

  /** Samples {@code n} points, a function of {@code (seed, index)} only. */
  static Batch sample(long seed, long index, int n, NDManager scope) {
    Random r = new Random(seed * 1_000_003L + index);
    float[] x = new float[n * 8];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) {
        x[i * 8 + j] = (float) r.nextGaussian();
      }
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        double s = 0;
        for (int j = 0; j < 8; j++) {
          s += W[c][j] * x[i * 8 + j];
        }
        if (s > best) {
          best = s;
          y[i] = c;
        }
      }
    }
    return new Batch(scope.create(x, new Shape(n, 8)), scope.create(y, new Shape(n)));
  }

  @Override
  public int size(Batch batch) {
    return (int) batch.x().getShape().get(0);
  }

  @Override
  public LossTerms losses(Block model, ParameterStore store, Batch batch, StepContext step) {
    if (sampleHalf) {
      int n = size(batch);
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      Collections.shuffle(all, step.random());
      long[] keep = all.subList(0, n / 2).stream().mapToLong(Integer::longValue).toArray();
      step.scalar("draw", step.random().nextDouble());
      NDArray idx = batch.x().getManager().create(keep);
      batch = new Batch(batch.x().get(idx), batch.y().get(idx));
    }
    NDArray logits = model.forward(store, new NDList(batch.x()), true).singletonOrThrow();
    NDArray l = loss.evaluate(new NDList(batch.y()), new NDList(logits));
    if (nanAt >= 0 && lastIndex == nanAt) {
      l = l.mul(Float.NaN);
    }
    return LossTerms.of("loss_cls", l);
  }

  /** Accuracy of the model on 512 held-out samples. */
  double accuracy(ParameterStore store, NDManager scope) {
    Batch b = sample(seed + 7, 0, 512, scope);
    NDArray logits = model.forward(store, new NDList(b.x()), false).singletonOrThrow();
    return logits.argMax(1).toType(DataType.FLOAT32, false).eq(b.y()).sum().getLong() / 512.0;
  }
}
