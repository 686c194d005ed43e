package org.mlpvision.spark.exec;

import ai.djl.modality.cv.Image;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.spark.io.HadoopFiles;
import org.mlpvision.zoo.VisionImages;

/**
 * Reads the images of a partition exactly as {@code vision test} decodes them ({@link
 * VisionImages#read}: OpenCV, EXIF orientation, the pixel limit), local files in place and remote
 * ones through a scratch copy. A file that is missing, corrupt or too large is a data problem: a
 * {@link DatasetException} naming it, which the partition counts and skips. Any other I/O error
 * fails the task, so that Spark retries it.
 */
final class ImageSource {
  private ImageSource() {}

  /**
   * Decodes the image at {@code path} (a Hadoop path).
   *
   * @throws DatasetException naming the file when it is missing or cannot be decoded
   * @throws UncheckedIOException when a remote file cannot be read
   */
  static Image read(String path) {
    try {
      return HadoopFiles.readLocally(path, VisionImages::read);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileNotFoundException) {
        throw new DatasetException(path, "", "", "missing");
      }
      throw e;
    }
  }
}
