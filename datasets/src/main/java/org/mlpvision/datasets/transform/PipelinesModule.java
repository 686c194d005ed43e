package org.mlpvision.datasets.transform;

import com.google.inject.AbstractModule;
import org.mlpvision.core.inject.Components;

/**
 * Registers the pipeline presets by name, so configs pick them with a string: {@code
 * coco-train-simple}, {@code coco-train-fused} (normalize and pad at collation), {@code
 * coco-train-swin3x}, {@code coco-test}, {@code ade-train}, {@code ade-test}. Presets are stateless
 * and shared.
 */
public final class PipelinesModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.register(binder(), Pipeline.class, "coco-train-simple", Pipeline.cocoTrainSimple());
    Components.register(binder(), Pipeline.class, "coco-train-fused", Pipeline.cocoTrainFused());
    Components.register(binder(), Pipeline.class, "coco-train-swin3x", Pipeline.cocoTrainSwin3x());
    Components.register(binder(), Pipeline.class, "coco-test", Pipeline.cocoTest());
    Components.register(binder(), Pipeline.class, "ade-train", Pipeline.adeTrain());
    Components.register(binder(), Pipeline.class, "ade-test", Pipeline.adeTest());
  }
}
