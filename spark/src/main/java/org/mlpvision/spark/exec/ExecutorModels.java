package org.mlpvision.spark.exec;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.InstanceArrays;
import org.mlpvision.zoo.ModelDirectory;

/**
 * The models of this JVM: a model directory is loaded once per executor JVM, device and output
 * type, by the first task that needs it, and shared by every later task and partition (each task
 * makes its own cheap, single-threaded {@code Predictor} on it). A directory on a remote file
 * system is copied to local scratch first, once. The models live as long as the executor.
 */
public final class ExecutorModels {
  private static final Map<Key, ZooModel<Image, ?>> MODELS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private record Key(String directory, Device device, Class<?> output) {}

  private ExecutorModels() {}

  /**
   * The model of the directory at {@code directory} (a Hadoop path) on {@code device}, giving
   * {@code output}: {@link InstanceArrays} (detection), {@code CategoryMask} (segmentation) or
   * {@code float[]} (a pooled embedding of any model).
   *
   * @throws IllegalArgumentException naming the directory when it cannot be loaded
   * @throws UncheckedIOException naming the directory when it cannot be read
   */
  @SuppressWarnings("unchecked")
  public static <O> ZooModel<Image, O> get(String directory, Device device, Class<O> output) {
    return (ZooModel<Image, O>)
        MODELS.computeIfAbsent(new Key(directory, device, output), ExecutorModels::load);
  }

  /** How many models this JVM has loaded so far (a test sees that tasks share them). */
  public static int loads() {
    return LOADS.get();
  }

  private static ZooModel<Image, ?> load(Key key) {
    try {
      ModelDirectory dir = ModelDirectory.open(HadoopFiles.local(key.directory()));
      Criteria.Builder<Image, ?> criteria = dir.criteria(key.output()).optDevice(key.device());
      if (key.output() == InstanceArrays.class) {
        criteria = criteria.optTranslatorFactory(new InstanceArraysTranslatorFactory());
      }
      ZooModel<Image, ?> model = criteria.build().loadModel();
      LOADS.incrementAndGet();
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(key.directory() + ": " + e.getMessage(), e);
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IllegalArgumentException(
          key.directory() + ": not a loadable model directory: " + e.getMessage(), e);
    }
  }
}
