package org.mlpvision.segmentation;

import com.google.inject.AbstractModule;
import org.mlpvision.core.inject.Components;
import org.mlpvision.segmentation.heads.DecodeHeadConfig;
import org.mlpvision.segmentation.heads.FcnHeadConfig;
import org.mlpvision.segmentation.heads.UperHeadConfig;

/**
 * Guice wiring of segmentation: the head types by config {@code type} ({@code uper_head}, {@code
 * fcn_head}) that {@link SegmentorConfigReader} reads {@code decode_head} and {@code
 * auxiliary_head} with. A new head is one config record and one line here.
 */
public final class SegmentationModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.registerType(
        binder(), DecodeHeadConfig.class, UperHeadConfig.TYPE, UperHeadConfig.class);
    Components.registerType(
        binder(), DecodeHeadConfig.class, FcnHeadConfig.TYPE, FcnHeadConfig.class);
  }
}
