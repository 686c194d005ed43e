package org.mlpvision.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping
 * each tensor name to {@code dtype}, {@code shape} and {@code data_offsets} (an optional {@code
 * __metadata__} maps strings to strings), then the data section, little-endian, C order.
 *
 * <p>Reading validates the whole header before any tensor byte is read, with the rules of the
 * reference implementation (huggingface/safetensors): N at most 100 MB and inside the file; a JSON
 * object; a known dtype; a shape of non-negative integers whose element count does not overflow 64
 * bits; and, sorted by offsets, data offsets that start at 0, follow each other without gap or
 * overlap, each span exactly the bytes dtype × shape needs, and end exactly at the end of the file.
 * So an offset that would wrap around or point outside the data section is an error, never a read
 * of other bytes. Stricter than the reference: a duplicate name is an error (the reference keeps
 * one silently). Every error names the file and, where one is at fault, the tensor. BF16 tensors
 * load as float32 ({@link EngineArrays}).
 */
final class Safetensors {
  /** The reference implementation's limit on the header length. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final String METADATA = "__metadata__";
  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Safetensors() {}

  /**
   * The element types of the format, with their width in bits and the DJL type they load as; null
   * where there is none, and for the 16-bit and unsigned integers, on which DJL's PyTorch engine
   * aborts the whole process (DJL 0.35.1, seen in tests).
   */
  enum Dtype {
    BOOL(8, DataType.BOOLEAN),
    F4(4, null),
    F6_E2M3(6, null),
    F6_E3M2(6, null),
    U8(8, DataType.UINT8),
    I8(8, DataType.INT8),
    F8_E5M2(8, null),
    F8_E4M3(8, null),
    F8_E8M0(8, null),
    I16(16, null),
    U16(16, null),
    F16(16, DataType.FLOAT16),
    BF16(16, DataType.BFLOAT16),
    I32(32, DataType.INT32),
    U32(32, null),
    F32(32, DataType.FLOAT32),
    C64(64, null),
    F64(64, DataType.FLOAT64),
    I64(64, DataType.INT64),
    U64(64, null);

    final int bits;
    final DataType djl;

    Dtype(int bits, DataType djl) {
      this.bits = bits;
      this.djl = djl;
    }

    static Dtype of(DataType type) {
      for (Dtype d : values()) {
        if (d.djl == type) {
          return d;
        }
      }
      throw new IllegalArgumentException("cannot write " + type + " tensors as safetensors");
    }
  }

  /**
   * One validated tensor entry; {@code begin} and {@code end} are offsets in the data section.
   *
   * @param name tensor name
   * @param dtype element type
   * @param shape dimensions (each fits a long once validated for reading)
   * @param begin first byte
   * @param end one past the last byte
   * @param bytes what dtype × shape needs
   */
  record Entry(String name, Dtype dtype, long[] shape, long begin, long end, long bytes) {}

  /** A validated header: entries in header order and where the data section starts. */
  record Header(List<Entry> entries, long dataStart) {}

  /** Reads every tensor of {@code file} into {@code manager}, in header order. */
  static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
    String source = file.toString();
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Header header = readHeader(ch, source);
      for (Entry e : header.entries()) {
        if (e.dtype().djl == null) {
          throw error(source, e.name(), "dtype " + e.dtype() + " cannot be loaded (no DJL type)");
        }
        if (e.bytes() > Integer.MAX_VALUE) {
          throw error(source, e.name(), e.bytes() + " bytes, over the 2 GiB limit of one tensor");
        }
        ByteBuffer bytes =
            ByteBuffer.allocateDirect((int) e.bytes()).order(ByteOrder.nativeOrder());
        readFully(ch, bytes, header.dataStart() + e.begin(), source);
        bytes.flip();
        NDArray a = EngineArrays.create(manager, bytes, e.shape(), e.dtype().djl);
        a.setName(e.name());
        out.put(e.name(), a);
      }
    }
    return out;
  }

  /** Reads and validates the header of an open file. */
  static Header readHeader(FileChannel ch, String source) throws IOException {
    long size = ch.size();
    if (size < 8) {
      throw new IOException(source + ": " + size + " bytes, too short for a safetensors file");
    }
    ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, prefix, 0, source);
    long n = prefix.getLong(0);
    String length = Long.toUnsignedString(n);
    if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
      throw new IOException(
          source + ": header length " + length + " exceeds the limit of " + MAX_HEADER_BYTES);
    }
    if (n > size - 8) {
      throw new IOException(
          source + ": header length " + length + " runs past the end of the file (" + size + " B)");
    }
    ByteBuffer raw = ByteBuffer.allocate((int) n);
    readFully(ch, raw, 8, source);
    raw.flip();
    List<Entry> entries = parse(utf8(raw, source), source);
    validate(entries, size - 8 - n, source);
    return new Header(entries, 8 + n);
  }

  private static String utf8(ByteBuffer raw, String source) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(raw)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(source + ": the header is not valid UTF-8");
    }
  }

  private static List<Entry> parse(String text, String source) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": the header is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IOException(source + ": the header must be a JSON object");
    }
    List<Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().equals(METADATA)) {
        checkMetadata(f.getValue(), source);
      } else {
        entries.add(entry(f.getKey(), f.getValue(), source));
      }
    }
    return entries;
  }

  private static void checkMetadata(JsonNode m, String source) throws IOException {
    if (m.isNull()) {
      return;
    }
    boolean ok = m.isObject();
    for (Iterator<JsonNode> it = m.elements(); ok && it.hasNext(); ) {
      ok = it.next().isTextual();
    }
    if (!ok) {
      throw new IOException(source + ": '" + METADATA + "' must map strings to strings");
    }
  }

  private static Entry entry(String name, JsonNode node, String source) throws IOException {
    if (!node.isObject()) {
      throw error(source, name, "expected an object with dtype, shape and data_offsets");
    }
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || shape == null || offsets == null) {
      List<String> has = new ArrayList<>();
      node.fieldNames().forEachRemaining(has::add);
      throw error(source, name, "needs dtype, shape and data_offsets, has " + has);
    }
    Dtype type = dtypeOf(dtype, source, name);
    BigInteger[] dims = u64s(shape, shape.size());
    if (dims == null) {
      throw error(source, name, "shape must be a list of non-negative integers, got " + shape);
    }
    BigInteger[] span = u64s(offsets, 2);
    if (span == null) {
      throw error(source, name, "data_offsets must be two non-negative integers, got " + offsets);
    }
    long bytes = byteCount(type, dims, source, name);
    long[] longs = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      // Only a tensor with another 0 dimension gets here with a dimension beyond a long.
      if (dims[i].bitLength() >= 64) {
        throw error(source, name, "dimension " + dims[i] + " of shape " + shape + " is too large");
      }
      longs[i] = dims[i].longValue();
    }
    // An offset beyond a long lies past any real file's data section: clamp it so the layout
    // check reports it as such instead of wrapping around.
    return new Entry(name, type, longs, clamp(span[0]), clamp(span[1]), bytes);
  }

  private static long clamp(BigInteger v) {
    return v.bitLength() < 64 ? v.longValue() : Long.MAX_VALUE;
  }

  private static Dtype dtypeOf(JsonNode dtype, String source, String name) throws IOException {
    if (dtype.isTextual()) {
      for (Dtype d : Dtype.values()) {
        if (d.name().equals(dtype.textValue())) {
          return d;
        }
      }
    }
    throw error(
        source, name, "unknown dtype " + dtype + "; known: " + Arrays.toString(Dtype.values()));
  }

  /**
   * A JSON array of {@code length} integers in [0, 2^64) (the reference's usize), or null when
   * {@code n} is anything else.
   */
  private static BigInteger[] u64s(JsonNode n, int length) {
    if (!n.isArray() || n.size() != length) {
      return null;
    }
    BigInteger[] out = new BigInteger[length];
    for (int i = 0; i < length; i++) {
      JsonNode v = n.get(i);
      out[i] = v.isIntegralNumber() ? v.bigIntegerValue() : null;
      if (out[i] == null || out[i].signum() < 0 || out[i].compareTo(U64_MAX) > 0) {
        return null;
      }
    }
    return out;
  }

  /**
   * The bytes dtype × shape needs. The element count is folded left to right in 64 unsigned bits as
   * the reference does, so [0, 2^40, 2^40] is 0 bytes but [2^40, 2^40, 0] overflows.
   */
  private static long byteCount(Dtype type, BigInteger[] dims, String source, String name)
      throws IOException {
    BigInteger count = BigInteger.ONE;
    for (BigInteger d : dims) {
      count = count.multiply(d);
      if (count.compareTo(U64_MAX) > 0) {
        throw error(source, name, "the element count of the shape overflows 64 bits");
      }
    }
    BigInteger bits = count.multiply(BigInteger.valueOf(type.bits));
    if (bits.compareTo(U64_MAX) > 0) {
      throw error(source, name, count + " elements of " + type + " overflow 64 bits");
    }
    if (bits.getLowestSetBit() >= 0 && bits.getLowestSetBit() < 3) {
      throw error(source, name, count + " elements of " + type + " are not whole bytes");
    }
    // Larger than any file this reader accepts; the layout check reports the mismatch.
    return clamp(bits.shiftRight(3));
  }

  /**
   * The reference's layout rule: sorted by (begin, end), the spans tile {@code [0, dataLength)}
   * exactly, each as long as its dtype × shape (checked per entry already).
   */
  private static void validate(List<Entry> entries, long dataLength, String source)
      throws IOException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long start = 0;
    String previous = null;
    for (Entry e : sorted) {
      String span = String.format("data_offsets [%d, %d] ", e.begin(), e.end());
      String problem = null;
      if (e.end() < e.begin()) {
        problem = "end before they begin";
      } else if (e.end() > dataLength) {
        problem = "run past the end of the data section (" + dataLength + " bytes)";
      } else if (e.begin() > start) {
        problem = "leave a gap: the tensors before end at byte " + start;
      } else if (e.begin() < start) {
        problem = "overlap tensor '" + previous + "', which ends at byte " + start;
      } else if (e.end() - e.begin() != e.bytes()) {
        problem =
            String.format(
                "span %d bytes but dtype %s with shape %s needs %d",
                e.end() - e.begin(), e.dtype(), Arrays.toString(e.shape()), e.bytes());
      }
      if (problem != null) {
        throw error(source, e.name(), span + problem);
      }
      start = e.end();
      previous = e.name();
    }
    if (start != dataLength) {
      throw new IOException(
          String.format(
              "%s: the tensors cover %d bytes but the data section has %d (trailing bytes)",
              source, start, dataLength));
    }
  }

  private static IOException error(String source, String tensor, String problem) {
    return new IOException(source + ": tensor '" + tensor + "': " + problem);
  }

  private static void readFully(FileChannel ch, ByteBuffer dst, long position, String source)
      throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int n = ch.read(dst, pos);
      if (n < 0) {
        throw new IOException(source + ": unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  /**
   * Writes {@code tensors} (name → array) in map order, the header padded with spaces to a multiple
   * of 8 bytes as the reference writer does; one tensor's bytes are on the host at a time.
   */
  static void write(Path file, Map<String, NDArray> tensors) throws IOException {
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    long offset = 0;
    for (Map.Entry<String, NDArray> t : tensors.entrySet()) {
      NDArray a = t.getValue();
      long bytes = a.size() * a.getDataType().getNumOfBytes();
      ObjectNode info = header.putObject(t.getKey());
      info.put("dtype", Dtype.of(a.getDataType()).name());
      ArrayNode shape = info.putArray("shape");
      for (long d : a.getShape().getShape()) {
        shape.add(d);
      }
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(ch, head.flip());
      for (NDArray a : tensors.values()) {
        writeFully(ch, ByteBuffer.wrap(a.toByteArray()));
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      ch.write(src);
    }
  }
}
