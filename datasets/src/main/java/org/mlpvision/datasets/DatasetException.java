package org.mlpvision.datasets;

/**
 * Bad data set input: the message always names the file, the item (for example {@code annotation
 * 17} or {@code image 42}) and the field, followed by what is wrong with the value.
 */
public final class DatasetException extends RuntimeException {
  private final String file;
  private final String item;
  private final String field;

  /**
   * @param file the file (or directory) the bad input came from
   * @param item the annotation, image or category, e.g. {@code "annotation 17"}; empty for the
   *     whole file
   * @param field the offending field, e.g. {@code "bbox"}; empty when none applies
   * @param problem what is wrong, including the bad value
   */
  public DatasetException(String file, String item, String field, String problem) {
    super(format(file, item, field, problem));
    this.file = file;
    this.item = item;
    this.field = field;
  }

  private static String format(String file, String item, String field, String problem) {
    StringBuilder s = new StringBuilder(file).append(": ");
    if (!item.isEmpty()) {
      s.append(item).append(": ");
    }
    if (!field.isEmpty()) {
      s.append("'").append(field).append("': ");
    }
    return s.append(problem).toString();
  }

  /** The file the bad input came from. */
  public String file() {
    return file;
  }

  /** The item (annotation, image, category) at fault, or empty. */
  public String item() {
    return item;
  }

  /** The offending field, or empty. */
  public String field() {
    return field;
  }
}
