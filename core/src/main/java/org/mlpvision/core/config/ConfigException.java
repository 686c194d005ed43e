package org.mlpvision.core.config;

/**
 * A configuration file that cannot be turned into typed settings. The message always names the
 * file, the key path (for example {@code model.backbone.depths[2]}) and the offending value.
 */
public final class ConfigException extends RuntimeException {
  private final String source;
  private final String keyPath;

  /**
   * @param source the file (or other source) the configuration came from
   * @param keyPath dotted key path of the offending entry; empty for the whole document
   * @param problem what is wrong, including the bad value
   */
  public ConfigException(String source, String keyPath, String problem) {
    super(source + ": " + (keyPath.isEmpty() ? "" : "'" + keyPath + "': ") + problem);
    this.source = source;
    this.keyPath = keyPath;
  }

  /** The file or source name the bad entry came from. */
  public String source() {
    return source;
  }

  /** The dotted key path of the bad entry. */
  public String keyPath() {
    return keyPath;
  }
}
