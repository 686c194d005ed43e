package org.mlpvision.cli;

/** Entry point of the {@code vision} command. */
public final class VisionMain {
  private VisionMain() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // No run-time downloads: DJL natives come from the jars on the class path.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    System.exit(VisionCommand.commandLine(args).execute(args));
  }
}
