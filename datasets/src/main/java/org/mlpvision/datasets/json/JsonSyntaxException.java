package org.mlpvision.datasets.json;

/**
 * Malformed JSON at a byte position; {@link JsonDocument#where} turns it into a line and column.
 */
public final class JsonSyntaxException extends RuntimeException {
  private final int position;

  /**
   * @param position byte position of the problem in the document
   * @param message what is wrong
   */
  public JsonSyntaxException(int position, String message) {
    super(message, null, false, false); // no stack trace: it is reported as a message
    this.position = position;
  }

  /** Byte position of the problem. */
  public int position() {
    return position;
  }
}
