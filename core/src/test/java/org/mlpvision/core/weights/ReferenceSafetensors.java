package org.mlpvision.core.weights;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A plain transcription of the reference reader's acceptance rule (huggingface/safetensors, {@code
 * SafeTensors::read_metadata} and {@code Metadata::validate}), written in the most direct way and
 * kept apart from the code under test: the test oracle for the fuzz.
 */
final class ReferenceSafetensors {
  private ReferenceSafetensors() {}

  /** A tensor the reference would return: its dtype name, shape and bytes. */
  record Tensor(String dtype, BigInteger[] shape, byte[] data) {}

  static final Map<String, Integer> BITS =
      Map.ofEntries(
          Map.entry("BOOL", 8),
          Map.entry("F4", 4),
          Map.entry("F6_E2M3", 6),
          Map.entry("F6_E3M2", 6),
          Map.entry("U8", 8),
          Map.entry("I8", 8),
          Map.entry("F8_E5M2", 8),
          Map.entry("F8_E4M3", 8),
          Map.entry("F8_E8M0", 8),
          Map.entry("I16", 16),
          Map.entry("U16", 16),
          Map.entry("F16", 16),
          Map.entry("BF16", 16),
          Map.entry("I32", 32),
          Map.entry("U32", 32),
          Map.entry("F32", 32),
          Map.entry("C64", 64),
          Map.entry("F64", 64),
          Map.entry("I64", 64),
          Map.entry("U64", 64));

  private static final BigInteger USIZE_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  // serde_json::from_str: nothing but white space may follow the value.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private record Info(String name, String dtype, BigInteger[] shape, BigInteger s, BigInteger e) {}

  /** The tensors of {@code file}, or null where the reference refuses it. */
  static Map<String, Tensor> read(byte[] file) {
    if (file.length < 8) {
      return null;
    }
    BigInteger n =
        new BigInteger(
            Long.toUnsignedString(
                ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()));
    if (n.compareTo(BigInteger.valueOf(100_000_000)) > 0) {
      return null;
    }
    int headerLength = n.intValueExact();
    if (8L + headerLength > file.length) {
      return null;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(file, 8, headerLength))
              .toString();
    } catch (Exception e) {
      return null;
    }
    List<Info> infos = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || !root.isObject()) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = f.getValue();
        if (f.getKey().equals("__metadata__")) {
          if (!v.isNull() && !v.isObject()) {
            return null;
          }
          for (JsonNode x : v) {
            if (!x.isTextual()) {
              return null;
            }
          }
          continue;
        }
        JsonNode dtype = v.get("dtype");
        JsonNode shape = v.get("shape");
        JsonNode offsets = v.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || !BITS.containsKey(dtype.textValue())) {
          return null;
        }
        if (shape == null || !shape.isArray() || offsets == null || !offsets.isArray()) {
          return null;
        }
        if (offsets.size() != 2) {
          return null;
        }
        BigInteger[] dims = new BigInteger[shape.size()];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = usize(shape.get(i));
          if (dims[i] == null) {
            return null;
          }
        }
        BigInteger s = usize(offsets.get(0));
        BigInteger e = usize(offsets.get(1));
        if (s == null || e == null) {
          return null;
        }
        infos.add(new Info(f.getKey(), dtype.textValue(), dims, s, e));
      }
    } catch (Exception e) {
      return null;
    }
    infos.sort((a, b) -> a.s().equals(b.s()) ? a.e().compareTo(b.e()) : a.s().compareTo(b.s()));
    BigInteger start = BigInteger.ZERO;
    for (Info info : infos) {
      if (!info.s().equals(start) || info.e().compareTo(info.s()) < 0) {
        return null;
      }
      start = info.e();
      BigInteger count = BigInteger.ONE;
      for (BigInteger d : info.shape()) {
        count = count.multiply(d);
        if (count.compareTo(USIZE_MAX) > 0) {
          return null;
        }
      }
      BigInteger bits = count.multiply(BigInteger.valueOf(BITS.get(info.dtype())));
      if (bits.compareTo(USIZE_MAX) > 0 || bits.mod(BigInteger.valueOf(8)).signum() != 0) {
        return null;
      }
      if (!info.e().subtract(info.s()).equals(bits.divide(BigInteger.valueOf(8)))) {
        return null;
      }
    }
    if (!start.add(BigInteger.valueOf(8L + headerLength)).equals(BigInteger.valueOf(file.length))) {
      return null;
    }
    Map<String, Tensor> out = new HashMap<>();
    int data = 8 + headerLength;
    for (Info info : infos) {
      byte[] bytes =
          Arrays.copyOfRange(
              file, data + info.s().intValueExact(), data + info.e().intValueExact());
      out.put(info.name(), new Tensor(info.dtype(), info.shape(), bytes));
    }
    return out;
  }

  private static BigInteger usize(JsonNode v) {
    if (v == null || !v.isIntegralNumber()) {
      return null;
    }
    BigInteger b = v.bigIntegerValue();
    return b.signum() < 0 || b.compareTo(USIZE_MAX) > 0 ? null : b;
  }
}
