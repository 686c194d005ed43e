package org.mlpvision.datasets.transform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an image file's header declares, read without decoding any pixel: width, height and, for
 * PNG, whether the pixels are palette indices. Known for the formats Java's ImageIO reads (PNG,
 * JPEG, BMP, GIF, TIFF, WBMP); other formats OpenCV decodes (WebP, PNM, ...) have no header here.
 *
 * @param width columns
 * @param height rows
 * @param palette a PNG of colour type 3, whose samples are indices into a palette
 */
public record ImageHeader(long width, long height, boolean palette) {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int PNG_COLOUR_TYPE_OFFSET = 25;
  private static final int PNG_PALETTE = 3;

  /** Width × height. */
  public long pixels() {
    return width * height;
  }

  /**
   * Reads the header of {@code file}; empty when no ImageIO reader knows the format.
   *
   * @throws IOException when the file cannot be read or a known format's header is broken
   */
  public static Optional<ImageHeader> read(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException("cannot open " + file);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(
            new ImageHeader(reader.getWidth(0), reader.getHeight(0), isPalettePng(file)));
      } finally {
        reader.dispose();
      }
    }
  }

  /** PNG signature, then the IHDR chunk, whose colour type byte sits at offset 25. */
  private static boolean isPalettePng(Path file) throws IOException {
    byte[] head = new byte[PNG_COLOUR_TYPE_OFFSET + 1];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, head.length) < head.length) {
        return false;
      }
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (head[i] != PNG_SIGNATURE[i]) {
        return false;
      }
    }
    return head[PNG_COLOUR_TYPE_OFFSET] == PNG_PALETTE;
  }
}
