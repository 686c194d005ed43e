package org.mlpvision.datasets.transform;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an image file's header declares, read without decoding any pixel: width, height and, for
 * PNG, whether the pixels are palette indices. Known for PNG, JPEG, GIF, BMP and WebP, the formats
 * of real data sets; other formats OpenCV decodes (TIFF, PNM, ...) have no header here.
 *
 * @param width columns
 * @param height rows
 * @param palette a PNG of colour type 3, whose samples are indices into a palette
 */
public record ImageHeader(long width, long height, boolean palette) {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int PNG_PALETTE = 3;

  /** Width × height. */
  public long pixels() {
    return width * height;
  }

  /**
   * Reads the header of {@code file}; empty when the format is not one of those above.
   *
   * @throws IOException when the file cannot be read or a known format's header is cut short
   */
  public static Optional<ImageHeader> read(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 4096))) {
      byte[] head = new byte[30];
      int n = in.readNBytes(head, 0, head.length);
      ByteBuffer le = ByteBuffer.wrap(head, 0, n).order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer be = ByteBuffer.wrap(head, 0, n);
      if (n >= 26 && Arrays.equals(head, 0, 8, PNG, 0, 8)) {
        // IHDR is the first chunk: width and height at 16 and 20, colour type at 25.
        return Optional.of(
            new ImageHeader(
                be.getInt(16) & 0xffffffffL, be.getInt(20) & 0xffffffffL, head[25] == PNG_PALETTE));
      }
      if (n >= 4 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
        return Optional.of(jpeg(in, head, n));
      }
      if (n >= 10 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
        return Optional.of(
            new ImageHeader(le.getShort(6) & 0xffff, le.getShort(8) & 0xffff, false));
      }
      if (n >= 26 && head[0] == 'B' && head[1] == 'M') {
        // BITMAPINFOHEADER; a negative height means rows stored top-down.
        return Optional.of(
            new ImageHeader(Math.abs((long) le.getInt(18)), Math.abs((long) le.getInt(22)), false));
      }
      if (n >= 30
          && new String(head, 0, 4).equals("RIFF")
          && new String(head, 8, 4).equals("WEBP")) {
        return Optional.of(webp(head, le));
      }
      return Optional.empty();
    } catch (EOFException e) {
      throw new IOException("the image header is cut short");
    }
  }

  /** Walks the JPEG markers from SOI to the first start-of-frame, which holds the size. */
  private static ImageHeader jpeg(DataInputStream in, byte[] head, int n) throws IOException {
    DataInputStream all =
        new DataInputStream(
            new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, 2, n - 2), in));
    while (true) {
      int b = all.readUnsignedByte();
      if (b != 0xff) {
        throw new IOException("not a JPEG marker: " + Integer.toHexString(b));
      }
      int marker = all.readUnsignedByte();
      while (marker == 0xff) { // fill bytes
        marker = all.readUnsignedByte();
      }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue; // markers without a length
      }
      int length = all.readUnsignedShort();
      boolean sof =
          marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (sof) {
        all.readUnsignedByte(); // sample precision
        int height = all.readUnsignedShort();
        int width = all.readUnsignedShort();
        return new ImageHeader(width, height, false);
      }
      if (marker == 0xd9 || marker == 0xda || length < 2) {
        throw new IOException("no JPEG frame header before the image data");
      }
      all.skipNBytes(length - 2);
    }
  }

  /** The canvas size of the three WebP flavours (lossy VP8, lossless VP8L, extended VP8X). */
  private static ImageHeader webp(byte[] head, ByteBuffer le) throws IOException {
    String chunk = new String(head, 12, 4);
    switch (chunk) {
      case "VP8 ":
        return new ImageHeader(le.getShort(26) & 0x3fff, le.getShort(28) & 0x3fff, false);
      case "VP8L":
        int bits = le.getInt(21);
        return new ImageHeader((bits & 0x3fff) + 1L, ((bits >>> 14) & 0x3fff) + 1L, false);
      case "VP8X":
        long w = (head[24] & 0xff | (head[25] & 0xff) << 8 | (head[26] & 0xff) << 16) + 1L;
        long h = (head[27] & 0xff | (head[28] & 0xff) << 8 | (head[29] & 0xff) << 16) + 1L;
        return new ImageHeader(w, h, false);
      default:
        throw new IOException("unknown WebP chunk '" + chunk + "'");
    }
  }
}
