package org.mlpvision.detection;

import com.google.inject.AbstractModule;
import org.mlpvision.backbone.BackboneModule;
import org.mlpvision.core.inject.Components;
import org.mlpvision.detection.bbox.BboxHeadConfig;
import org.mlpvision.detection.bbox.ConvFcBboxHeadConfig;
import org.mlpvision.detection.bbox.Shared2FcBboxHeadConfig;
import org.mlpvision.detection.cascade.CascadeRoiHeadConfig;
import org.mlpvision.detection.mask.FcnMaskHeadConfig;
import org.mlpvision.detection.mask.MaskHeadConfig;
import org.mlpvision.detection.neck.FpnConfig;
import org.mlpvision.detection.neck.NeckConfig;
import org.mlpvision.detection.roi.RoiHeadConfig;
import org.mlpvision.detection.rpn.RpnHeadConfig;
import org.mlpvision.detection.rpn.StandardRpnHeadConfig;

/**
 * Guice wiring of the detection components, under mmdet's {@code type} names so that mmdet model
 * configs bind as they are. Adding a neck or head is one config record (that builds it) plus one
 * line here. All instances are equal, so Guice installs it once however many modules do.
 */
public final class DetectionModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new BackboneModule());
    Components.registerType(binder(), NeckConfig.class, "FPN", FpnConfig.class);
    Components.registerType(binder(), RpnHeadConfig.class, "RPNHead", StandardRpnHeadConfig.class);
    Components.registerType(
        binder(), RoiHeadConfig.class, "CascadeRoIHead", CascadeRoiHeadConfig.class);
    Components.registerType(
        binder(), BboxHeadConfig.class, "ConvFCBBoxHead", ConvFcBboxHeadConfig.class);
    Components.registerType(
        binder(), BboxHeadConfig.class, "Shared2FCBBoxHead", Shared2FcBboxHeadConfig.class);
    Components.registerType(binder(), MaskHeadConfig.class, "FCNMaskHead", FcnMaskHeadConfig.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DetectionModule;
  }

  @Override
  public int hashCode() {
    return DetectionModule.class.hashCode();
  }
}
