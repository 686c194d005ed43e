package org.mlpvision.core.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.mlpvision.core.config.ConfigLoader;

/**
 * The bytes of a checkpoint file: magic {@code MLPVCKPT}, version, iteration, seed, run id (version
 * 2), info JSON, model bytes, optimizer bytes, then a CRC32 of everything before it and the end
 * marker {@code MLPVEND!}. A file cut short, with flipped bytes or of another format is recognised
 * and named as such. Version 1 files (no run id) still read.
 */
final class CheckpointFormat {
  private static final byte[] MAGIC = "MLPVCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "MLPVEND!".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;

  private CheckpointFormat() {}

  static byte[] encode(Checkpoint c) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bos);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(c.iteration());
    out.writeLong(c.seed());
    out.writeUTF(c.runId() == null ? "" : c.runId());
    byte[] info = ConfigLoader.mapper().writeValueAsBytes(c.info());
    out.writeInt(info.length);
    out.write(info);
    out.writeLong(c.model().length);
    out.write(c.model());
    out.writeLong(c.optimizer().length);
    out.write(c.optimizer());
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bos.toByteArray());
    out.writeLong(crc.getValue());
    out.write(END);
    out.flush();
    return bos.toByteArray();
  }

  /**
   * Decodes a whole file.
   *
   * @param name the file, for messages
   * @throws IOException saying what is wrong: not a checkpoint, incomplete, CRC mismatch,
   *     unsupported version, malformed content
   */
  static Checkpoint decode(byte[] b, String name) throws IOException {
    int tail = 8 + END.length;
    if (b.length < MAGIC.length || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(name + ": not a checkpoint file (no MLPVCKPT header)");
    }
    if (b.length < MAGIC.length + 4 + tail
        || !Arrays.equals(b, b.length - END.length, b.length, END, 0, END.length)) {
      throw new IOException(name + ": incomplete checkpoint (cut short, no end marker)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - tail);
    if (buf.getLong(b.length - tail) != crc.getValue()) {
      throw new IOException(name + ": corrupt checkpoint (CRC mismatch)");
    }
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != 1 && version != VERSION) {
      throw new IOException(name + ": unsupported checkpoint version " + version);
    }
    try {
      long iteration = buf.getLong();
      long seed = buf.getLong();
      String runId = version >= 2 ? readUtf(buf) : null;
      byte[] info = new byte[buf.getInt()];
      buf.get(info);
      byte[] model = new byte[Math.toIntExact(buf.getLong())];
      buf.get(model);
      byte[] opt = new byte[Math.toIntExact(buf.getLong())];
      buf.get(opt);
      Map<String, Object> infoMap =
          ConfigLoader.mapper().readValue(info, new TypeReference<Map<String, Object>>() {});
      return new Checkpoint(
          iteration, seed, runId == null || runId.isEmpty() ? null : runId, infoMap, model, opt);
    } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
      throw new IOException(name + ": malformed checkpoint content (" + e + ")", e);
    }
  }

  private static String readUtf(ByteBuffer buf) {
    int n = Short.toUnsignedInt(buf.getShort());
    byte[] utf = new byte[n];
    buf.get(utf);
    // Run ids are ASCII, where modified UTF-8 and UTF-8 agree.
    return new String(utf, StandardCharsets.UTF_8);
  }
}
