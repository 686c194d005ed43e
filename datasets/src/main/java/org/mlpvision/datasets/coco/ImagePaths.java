package org.mlpvision.datasets.coco;

import java.nio.file.Path;

/** Checks that image file names stay inside the image root. */
public final class ImagePaths {
  private ImagePaths() {}

  /**
   * Why {@code name} is not a safe relative path (absolute, a drive or UNC prefix, a {@code ..}
   * segment, empty, or a NUL byte), or null when it is safe.
   */
  public static String unsafeReason(String name) {
    if (name.isEmpty()) {
      return "empty file name";
    }
    if (name.indexOf('\0') >= 0) {
      return "file name contains a NUL byte";
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      return "absolute file name escapes the image root";
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        return "file name escapes the image root with '..'";
      }
    }
    return null;
  }

  /** {@code root/name}, after checking that it stays inside {@code root}. */
  public static Path resolve(Path root, String name) {
    String why = unsafeReason(name);
    if (why != null) {
      throw new IllegalArgumentException(why + ": \"" + name + "\"");
    }
    Path base = root.toAbsolutePath().normalize();
    Path p = base.resolve(name).normalize();
    if (!p.startsWith(base)) {
      throw new IllegalArgumentException("file name escapes the image root: \"" + name + "\"");
    }
    return p;
  }
}
