package org.mlpvision.core.train;

import java.util.Map;

/**
 * The contents of one checkpoint file. The data order and all randomness of iteration {@code i} are
 * functions of {@code (seed, i)}, so {@code iteration} and {@code seed} are the whole data-loader
 * and RNG state; the schedule is a function of {@code iteration} too.
 *
 * @param iteration completed optimizer steps
 * @param seed the run's seed
 * @param runId the run that wrote it (a work directory holds one run; see {@link WorkDir}), or null
 *     in files written before runs had ids
 * @param info small extra facts (learning rate, loss) for people reading the file
 * @param model the model's parameters in {@link ModelState#save} format
 * @param optimizer the optimizer's moments in {@link AdamW#save} format
 */
public record Checkpoint(
    long iteration,
    long seed,
    String runId,
    Map<String, Object> info,
    byte[] model,
    byte[] optimizer) {}
