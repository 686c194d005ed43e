package org.mlpvision.core.train;

/**
 * Something that runs around the training steps, as detectron2's {@code HookBase}: writing metrics,
 * checkpoints, evaluation, the loss plot. The {@link TrainLoop} calls every hook in registration
 * order:
 *
 * <ol>
 *   <li>{@link #beforeTrain} once, after a resume has restored the model and optimizer ({@link
 *       TrainState#iteration()} is then the start iteration);
 *   <li>{@link #afterStep} after each optimizer step ({@link TrainState#iteration()} counts it, so
 *       the step of index {@code it} is seen as iteration {@code it + 1});
 *   <li>{@link #afterTrain} once at the end, also when a step or a hook failed ({@link
 *       TrainState#failed()}); its own failure never hides the first one.
 * </ol>
 *
 * <p>A hook that fires "every N iterations" fires at the iterations divisible by N, which do not
 * depend on where a run was resumed, so a resumed run fires exactly as an uninterrupted one.
 */
public interface TrainHook {
  /** Called once before the first step of this process. */
  default void beforeTrain(TrainState state) throws Exception {}

  /** Called after every optimizer step. */
  default void afterStep(TrainState state) throws Exception {}

  /** Called once after the last step, or after a failure. */
  default void afterTrain(TrainState state) throws Exception {}
}
