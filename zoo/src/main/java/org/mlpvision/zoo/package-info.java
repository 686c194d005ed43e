/**
 * Trained models in applications, the DJL way. A model directory ({@link
 * org.mlpvision.zoo.ModelDirectory}: {@code model.json}, {@code weights.safetensors}, {@code
 * serving.properties}) is what {@code vision export} writes; DJL's {@code
 * Criteria.builder().setTypes(Image.class, DetectedObjects.class).optModelPath(dir)} loads it into
 * a {@code ZooModel} whose {@code Predictor} runs the recipe's whole test path, and the {@link
 * org.mlpvision.zoo.VisionModelZoo} (found through {@code ServiceLoader}) names every directory
 * under a models root by artifact id.
 */
package org.mlpvision.zoo;
