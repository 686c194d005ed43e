package org.mlpvision.datasets.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;

/**
 * The bytes of one JSON document, for {@link JsonCursor}s. Large files are read by all cores at
 * once (positional reads into one array), as the parsing that follows is.
 */
public final class JsonDocument {
  private static final int MAX_SIZE = Integer.MAX_VALUE - 8;
  private static final int READ_PIECE = 8 << 20;

  private final byte[] bytes;

  private JsonDocument(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException when it cannot be read or is larger than 2 GB
   */
  public static JsonDocument read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_SIZE) {
        throw new IOException("files over 2 GB are not supported (" + size + " bytes)");
      }
      byte[] bytes = new byte[(int) size];
      int pieces = (int) ((size + READ_PIECE - 1) / READ_PIECE);
      try {
        IntStream.range(0, pieces).parallel().forEach(i -> readPiece(ch, bytes, i));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return new JsonDocument(bytes);
    }
  }

  private static void readPiece(FileChannel ch, byte[] bytes, int piece) {
    int from = piece * READ_PIECE;
    ByteBuffer target = ByteBuffer.wrap(bytes, from, Math.min(READ_PIECE, bytes.length - from));
    try {
      while (target.hasRemaining()) {
        if (ch.read(target, target.position()) < 0) {
          throw new IOException("the file became shorter while it was read");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a whole stream. */
  public static JsonDocument read(InputStream in) throws IOException {
    return new JsonDocument(in.readAllBytes());
  }

  /** Size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The bytes (read-only use). */
  byte[] bytes() {
    return bytes;
  }

  /** A cursor over the whole document. */
  public JsonCursor cursor() {
    return new JsonCursor(bytes, 0, bytes.length);
  }

  /** A cursor from {@code position} to the end. */
  public JsonCursor cursorAt(int position) {
    return new JsonCursor(bytes, position, bytes.length);
  }

  /** {@code malformed JSON at line L, column C: problem}, for an error message. */
  public String describe(JsonSyntaxException e) {
    return "malformed JSON at " + where(e.position()) + ": " + e.getMessage();
  }

  /** {@code line L, column C} (both from 1) of a byte position, for messages. */
  public String where(int position) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(position, bytes.length);
    for (int p = 0; p < end; p++) {
      if (bytes[p] == '\n') {
        line++;
        lineStart = p + 1;
      }
    }
    return "line " + line + ", column " + (end - lineStart + 1);
  }
}
