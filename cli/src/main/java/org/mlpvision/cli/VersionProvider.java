package org.mlpvision.cli;

import ai.djl.engine.Engine;
import picocli.CommandLine.IVersionProvider;

/** Version line: the project's version plus the DJL and PyTorch versions it was built for. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = VisionCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "vision " + (own == null ? "0.1.0-SNAPSHOT" : own),
      "DJL " + Engine.getDjlVersion() + ", PyTorch engine built for libtorch 2.7.1",
      "Java " + System.getProperty("java.version")
    };
  }
}
