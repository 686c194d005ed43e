package org.mlpvision.core.train;

import java.util.Map;

/**
 * The contents of one checkpoint file. The data order and all randomness of iteration {@code i} are
 * functions of {@code (seed, i)}, so {@code iteration} and {@code seed} are the whole data-loader
 * and RNG state; the schedule is a function of {@code iteration} too.
 *
 * @param iteration completed optimizer steps
 * @param seed the run's seed
 * @param info small extra facts (learning rate, loss) for people reading the file
 * @param model the model's parameters in DJL's {@code Block.saveParameters} format
 * @param optimizer the optimizer's moments in {@link AdamW#save} format
 */
public record Checkpoint(
    long iteration, long seed, Map<String, Object> info, byte[] model, byte[] optimizer) {}
