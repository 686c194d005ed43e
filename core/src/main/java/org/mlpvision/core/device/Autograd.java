package org.mlpvision.core.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.Callable;

/**
 * Inference with autograd off on the calling thread. PyTorch's grad mode is per thread and DJL
 * turns it off only on the thread that loaded the engine: on any other thread (a thread pool
 * calling a {@code Predictor}, a Spark task) every forward would be recorded for a backward that
 * never comes, and ops with a separate autograd path (RoIAlign's) would give other last digits.
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code body} with grad mode off on this thread, restoring the previous mode after. */
  public static <T> T off(Callable<T> body) throws Exception {
    Engine.getEngine("PyTorch"); // loads libtorch before the JNI calls
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.call();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }
}
