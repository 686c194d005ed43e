package org.mlpvision.zoo.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images of an {@code --input}: one file as given, or the image files directly inside a folder
 * (by extension, sorted by name). Outputs are named by file stem, so two inputs with one stem are
 * refused up front.
 */
public final class ImageInputs {
  /** Extensions read as images (OpenCV decodes them all). */
  public static final Set<String> EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp");

  private ImageInputs() {}

  /**
   * The image files of {@code input}.
   *
   * @throws IOException when it is missing, when a folder holds no image, or when two images share
   *     a stem
   */
  public static List<Path> list(Path input) throws IOException {
    if (Files.isRegularFile(input)) {
      return List.of(input);
    }
    if (!Files.isDirectory(input)) {
      throw new IOException(input + ": no such file or folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(input)) {
      files = s.filter(Files::isRegularFile).filter(ImageInputs::isImage).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException(input + ": no image files (" + EXTENSIONS + ")");
    }
    Map<String, Path> stems = new HashMap<>();
    for (Path f : files) {
      Path other = stems.put(stem(f), f);
      if (other != null) {
        throw new IOException(
            "inputs " + other + " and " + f + " share the name " + stem(f) + " of their outputs");
      }
    }
    return files;
  }

  /** The file name without its extension. */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static boolean isImage(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
