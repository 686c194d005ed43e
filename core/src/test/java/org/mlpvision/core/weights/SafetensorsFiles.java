package org.mlpvision.core.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made safetensors files for tests: any header text, any header length, any data. */
final class SafetensorsFiles {
  private SafetensorsFiles() {}

  /** {@code header} as the header, its true UTF-8 length as N, then {@code data}. */
  static byte[] bytes(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return bytes(json.length, json, data);
  }

  /** An 8-byte N (any value, even a lie), the header bytes, then {@code data}. */
  static byte[] bytes(long n, byte[] header, byte[] data) {
    ByteBuffer b =
        ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    return b.putLong(n).put(header).put(data).array();
  }

  static Path write(Path file, byte[] content) throws IOException {
    return Files.write(file, content);
  }
}
