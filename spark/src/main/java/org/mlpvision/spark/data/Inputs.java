package org.mlpvision.spark.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.ImagePaths;
import org.mlpvision.spark.io.HadoopFiles;

/**
 * Turns a job's {@code --data} (and {@code --images}) into its {@link InputSet}, on the driver:
 *
 * <ul>
 *   <li>a {@code .json} file: a COCO annotation file; {@code --images} is the image root its {@code
 *       file_name}s are relative to;
 *   <li>a folder with {@code images/validation} and {@code annotations/validation}: an ADE20K
 *       folder, the validation split ({@code <stem>.jpg} with {@code <stem>.png}, sorted by name);
 *   <li>any other folder: every image file under it (by extension), sorted by relative path;
 *   <li>any other file: a list of image paths, one per line (blank lines and lines starting with
 *       {@code #} skipped), absolute or relative to the list's folder.
 * </ul>
 *
 * Every path is a Hadoop path: local, {@code hdfs://}, {@code s3a://} (with the connector).
 */
public final class Inputs {
  /** File extensions listed as images in a folder (OpenCV decodes them). */
  static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "pgm", "ppm");

  private static final String ADE_IMAGES = "images/validation";
  private static final String ADE_LABELS = "annotations/validation";

  private Inputs() {}

  /**
   * Resolves the inputs.
   *
   * @param data the {@code --data} path
   * @param imageRoot the {@code --images} root, needed by (and only by) a COCO annotation file
   * @throws IllegalArgumentException naming the path or flag when the inputs do not make a data
   *     set: a missing path, a COCO file without an image root, an ADE20K image without its label
   *     map, a file name escaping the image root, no images at all
   */
  public static InputSet resolve(String data, String imageRoot) {
    if (!HadoopFiles.exists(data)) {
      throw new IllegalArgumentException("--data " + data + ": no such file or folder");
    }
    InputSet set;
    if (HadoopFiles.isDirectory(data)) {
      requireNoRoot(imageRoot, data);
      set = HadoopFiles.isDirectory(HadoopFiles.join(data, ADE_IMAGES)) ? ade(data) : folder(data);
    } else if (data.toLowerCase(Locale.ROOT).endsWith(".json")) {
      set = coco(data, imageRoot);
    } else {
      requireNoRoot(imageRoot, data);
      set = list(data);
    }
    if (set.images().isEmpty()) {
      throw new IllegalArgumentException("--data " + data + ": no images");
    }
    return set;
  }

  private static void requireNoRoot(String imageRoot, String data) {
    if (imageRoot != null) {
      throw new IllegalArgumentException(
          "--images is the image root of a COCO annotation file; --data " + data + " is not one");
    }
  }

  private static InputSet coco(String annotations, String imageRoot) {
    if (imageRoot == null) {
      throw new IllegalArgumentException(
          "--data "
              + annotations
              + " is a COCO annotation file: give its image root with --images");
    }
    CocoDataset ds = CocoGroundTruth.dataset(annotations);
    List<ImageRecord> out = new ArrayList<>(ds.images().size());
    for (CocoImage im : ds.images()) {
      String why = ImagePaths.unsafeReason(im.fileName());
      if (why != null) {
        throw new IllegalArgumentException(
            annotations + ": image " + im.id() + ": " + why + ": \"" + im.fileName() + "\"");
      }
      out.add(
          new ImageRecord(
              Long.toString(im.id()), im.id(), HadoopFiles.join(imageRoot, im.fileName()), null));
    }
    return new InputSet(InputSet.Kind.COCO, annotations, out);
  }

  private static InputSet ade(String root) {
    String imageDir = HadoopFiles.join(root, ADE_IMAGES);
    String labelDir = HadoopFiles.join(root, ADE_LABELS);
    if (!HadoopFiles.isDirectory(labelDir)) {
      throw new IllegalArgumentException(
          "--data " + root + " is an ADE20K folder without " + ADE_LABELS);
    }
    Set<String> labels = new HashSet<>(HadoopFiles.list(labelDir, false, n -> n.endsWith(".png")));
    List<ImageRecord> out = new ArrayList<>();
    for (String name : HadoopFiles.list(imageDir, false, n -> n.endsWith(".jpg"))) {
      String stem = name.substring(0, name.length() - ".jpg".length());
      if (!labels.contains(stem + ".png")) {
        throw new IllegalArgumentException(
            HadoopFiles.join(labelDir, stem + ".png")
                + ": label map of image "
                + stem
                + " missing");
      }
      out.add(
          new ImageRecord(
              stem,
              out.size() + 1,
              HadoopFiles.join(imageDir, name),
              HadoopFiles.join(labelDir, stem + ".png")));
    }
    return new InputSet(InputSet.Kind.ADE20K, null, out);
  }

  private static InputSet folder(String dir) {
    List<String> names = HadoopFiles.list(dir, true, Inputs::isImageName);
    return plain(names, names.stream().map(rel -> HadoopFiles.join(dir, rel)).toList());
  }

  private static InputSet list(String file) {
    String parent = new org.apache.hadoop.fs.Path(file).getParent().toString();
    List<String> names = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String line : HadoopFiles.readLines(file)) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(entry);
      names.add(entry);
      paths.add(
          p.isAbsolute() || p.toUri().getScheme() != null
              ? entry
              : HadoopFiles.join(parent, entry));
    }
    return plain(names, paths);
  }

  /**
   * Images without ground truth. Their results-file ids are the file stems when every stem is a
   * number (COCO's {@code 000000397133.jpg} is image 397133), else positions {@code 1..n}, as
   * {@code vision infer} numbers them.
   */
  private static InputSet plain(List<String> names, List<String> paths) {
    List<Long> numeric = new ArrayList<>();
    for (String name : names) {
      String stem = stem(new org.apache.hadoop.fs.Path(name).getName());
      if (stem.matches("\\d{1,18}")) {
        numeric.add(Long.parseLong(stem));
      }
    }
    boolean byStem =
        numeric.size() == names.size() && new HashSet<>(numeric).size() == numeric.size();
    List<ImageRecord> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new ImageRecord(names.get(i), byStem ? numeric.get(i) : i + 1, paths.get(i), null));
    }
    return new InputSet(InputSet.Kind.IMAGES, null, out);
  }

  /** A file name without its extension. */
  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
