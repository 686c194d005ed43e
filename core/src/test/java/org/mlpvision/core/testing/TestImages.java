package org.mlpvision.core.testing;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Image files for tests that the code under test must read as real tools write them. */
public final class TestImages {
  private TestImages() {}

  /**
   * A palette PNG (colour type 3) of {@code bits} per pixel (1, 2, 4 or 8) whose pixels are the
   * given indices, written by ImageIO as Pascal VOC's and Pillow's mode-"P" files are: the palette
   * holds distinct colours, so no reader can take the indices for grey levels.
   */
  public static Path palettePng(Path file, int bits, int[][] indices) throws IOException {
    int size = 1 << bits;
    byte[] r = new byte[size];
    byte[] g = new byte[size];
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      r[i] = (byte) (37 * i + 11);
      g[i] = (byte) (101 * i + 3);
      b[i] = (byte) (59 * i + 200);
    }
    IndexColorModel palette = new IndexColorModel(bits, size, r, g, b);
    int type = bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_BYTE_BINARY;
    BufferedImage img = new BufferedImage(indices[0].length, indices.length, type, palette);
    for (int y = 0; y < indices.length; y++) {
      for (int x = 0; x < indices[0].length; x++) {
        img.getRaster().setSample(x, y, 0, indices[y][x]);
      }
    }
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
    return file;
  }

  /**
   * A PNG whose header declares {@code width × height} 8-bit grey pixels but whose data holds only
   * the first row: a reader that trusts the header can refuse it without decoding, one that decodes
   * finds it broken. Cheap to write at any declared size.
   */
  public static Path declaredPng(Path file, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    java.util.zip.Deflater z = new java.util.zip.Deflater();
    z.setInput(new byte[width + 1]);
    z.finish();
    byte[] buf = new byte[width + 64];
    int n = z.deflate(buf);
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return Files.write(file, out.toByteArray());
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
