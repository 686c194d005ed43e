package org.mlpvision.segmentation;

import com.google.inject.AbstractModule;
import org.mlpvision.backbone.BackboneModule;
import org.mlpvision.core.inject.Components;
import org.mlpvision.segmentation.heads.DecodeHeadConfig;
import org.mlpvision.segmentation.heads.FcnHeadConfig;
import org.mlpvision.segmentation.heads.UperHeadConfig;

/**
 * What reading a segmentor's config needs, without a recipe: the backbone registry and the head
 * types by config {@code type} ({@code uper_head}, {@code fcn_head}) that {@link
 * SegmentorConfigReader} reads {@code decode_head} and {@code auxiliary_head} with. A new head is
 * one config record and one line here. All instances are equal, so Guice installs it once.
 */
public final class SegmentorModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new BackboneModule());
    Components.registerType(
        binder(), DecodeHeadConfig.class, UperHeadConfig.TYPE, UperHeadConfig.class);
    Components.registerType(
        binder(), DecodeHeadConfig.class, FcnHeadConfig.TYPE, FcnHeadConfig.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentorModule;
  }

  @Override
  public int hashCode() {
    return SegmentorModule.class.hashCode();
  }
}
