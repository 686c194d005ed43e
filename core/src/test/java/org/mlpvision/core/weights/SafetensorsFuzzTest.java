package org.mlpvision.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz of safetensors headers: valid random files with one or two random mutations of offsets,
 * header length, dtypes, shapes or file length. Each file must be refused exactly when the
 * reference refuses it ({@link ReferenceSafetensors}), and every tensor of an accepted file must
 * hold exactly the bytes, dtype and shape the reference returns: wrong bytes are never loaded.
 */
class SafetensorsFuzzTest {
  private static final int CASES = 1000;

  /** Dtypes the engine loads (generated), and names it does not know or cannot hold. */
  private static final String[] LOADABLE = {
    "F32", "F16", "BF16", "F64", "I64", "I32", "I8", "U8", "BOOL"
  };

  private static final String[] OTHER_DTYPES = {"F8_E4M3", "F4", "I16", "U64", "C64", "f32", "F12"};

  private static final BigInteger[] SPECIAL = {
    BigInteger.ZERO,
    BigInteger.ONE.shiftLeft(31),
    BigInteger.ONE.shiftLeft(32),
    BigInteger.ONE.shiftLeft(62),
    BigInteger.ONE.shiftLeft(62).add(BigInteger.valueOf(4)),
    BigInteger.valueOf(Long.MAX_VALUE),
    BigInteger.ONE.shiftLeft(63),
    BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
    BigInteger.ONE.shiftLeft(64),
    BigInteger.valueOf(-1),
  };

  @TempDir Path dir;

  /** A header entry under construction; values are JSON nodes so mutations can put anything. */
  private record Spec(String name, ObjectNode info) {}

  @Test
  void mutatedHeadersAreRefusedOrReadExactlyAsTheReferenceReadsThem() throws Exception {
    Random rnd = new Random(15_05);
    int accepted = 0;
    int refused = 0;
    Path f = dir.resolve("fuzz.safetensors");
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int c = 0; c < CASES; c++) {
        byte[] file = randomFile(rnd);
        String what = "case " + c;
        Map<String, ReferenceSafetensors.Tensor> expected = ReferenceSafetensors.read(file);
        SafetensorsFiles.write(f, file);
        try (NDManager scope = manager.newSubManager()) {
          if (expected == null || !loadable(expected)) {
            assertThatThrownBy(() -> StateDict.read(f, scope))
                .as(what + ": " + header(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(f.toString());
            refused++;
            continue;
          }
          StateDict got = StateDict.read(f, scope);
          assertThat(got.tensors().keySet())
              .as(what)
              .containsExactlyInAnyOrderElementsOf(expected.keySet());
          for (Map.Entry<String, ReferenceSafetensors.Tensor> e : expected.entrySet()) {
            NDArray a = got.get(e.getKey());
            ReferenceSafetensors.Tensor t = e.getValue();
            boolean bf16 = t.dtype().equals("BF16");
            // bfloat16 loads widened to float32 (EngineArrays), the same values.
            assertThat(Safetensors.Dtype.of(a.getDataType()).name())
                .as(what)
                .isEqualTo(bf16 ? "F32" : t.dtype());
            assertThat(a.getShape().getShape())
                .as(what)
                .isEqualTo(
                    Arrays.stream(t.shape()).mapToLong(BigInteger::longValueExact).toArray());
            assertThat(a.toByteArray())
                .as(what + " " + e.getKey())
                .isEqualTo(bf16 ? widened(t.data()) : t.data());
          }
          accepted++;
        }
      }
    }
    // Both outcomes must be exercised for the comparison to mean something.
    assertThat(accepted).isGreaterThan(CASES / 10);
    assertThat(refused).isGreaterThan(CASES / 2);
  }

  /** Whether the engine can hold every tensor (the reader refuses the rest by design). */
  private static boolean loadable(Map<String, ReferenceSafetensors.Tensor> tensors) {
    for (ReferenceSafetensors.Tensor t : tensors.values()) {
      if (!Arrays.asList(LOADABLE).contains(t.dtype())) {
        return false;
      }
      for (BigInteger d : t.shape()) {
        if (d.bitLength() >= 64) {
          return false;
        }
      }
    }
    return true;
  }

  /** bfloat16 bytes as the float32 bytes with the same values (zero low halves). */
  private static byte[] widened(byte[] bf16) {
    byte[] out = new byte[bf16.length * 2];
    for (int i = 0; i < bf16.length / 2; i++) {
      out[4 * i + 2] = bf16[2 * i];
      out[4 * i + 3] = bf16[2 * i + 1];
    }
    return out;
  }

  private static String header(byte[] file) {
    int n = (int) Math.min(file.length - 8L, 400);
    return n <= 0 ? "" : new String(file, 8, n, StandardCharsets.UTF_8);
  }

  /** A valid file, then 0-2 mutations (a quarter stay valid so acceptance is exercised). */
  private static byte[] randomFile(Random rnd) {
    List<Spec> specs = new ArrayList<>();
    int count = 1 + rnd.nextInt(4);
    long offset = 0;
    for (int i = 0; i < count; i++) {
      String dtype = LOADABLE[rnd.nextInt(LOADABLE.length)];
      int rank = rnd.nextInt(4);
      ArrayNode shape = JsonNodeFactory.instance.arrayNode();
      long elements = 1;
      for (int d = 0; d < rank; d++) {
        int dim = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4);
        shape.add(dim);
        elements *= dim;
      }
      long bytes = elements * ReferenceSafetensors.BITS.get(dtype) / 8;
      ObjectNode info = JsonNodeFactory.instance.objectNode();
      info.put("dtype", dtype);
      info.set("shape", shape);
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
      specs.add(new Spec("layer" + i + ".weight", info));
    }
    // Header order differs from offset order sometimes: readers must sort, as the reference does.
    if (rnd.nextBoolean()) {
      java.util.Collections.shuffle(specs, rnd);
    }
    byte[] data = new byte[(int) offset];
    rnd.nextBytes(data);
    int mutations = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(2);
    long lengthDelta = 0;
    int fileDelta = 0;
    for (int m = 0; m < mutations; m++) {
      Spec s = specs.get(rnd.nextInt(specs.size()));
      switch (rnd.nextInt(6)) {
        case 0 -> mutateOffset(s, rnd);
        case 1 -> swapOffsets(s, specs.get(rnd.nextInt(specs.size())));
        case 2 -> s.info().put("dtype", randomDtype(rnd));
        case 3 -> mutateShape(s, rnd);
        case 4 -> lengthDelta = rnd.nextBoolean() ? rnd.nextInt(17) - 8 : special(rnd).longValue();
        default -> fileDelta = rnd.nextInt(9) - 4;
      }
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (rnd.nextInt(5) == 0) {
      root.putObject("__metadata__").put("format", "pt");
    }
    for (Spec s : specs) {
      root.set(s.name(), s.info());
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(data, Math.max(0, data.length + fileDelta));
    return SafetensorsFiles.bytes(json.length + lengthDelta, json, body);
  }

  private static void mutateOffset(Spec s, Random rnd) {
    ArrayNode o = (ArrayNode) s.info().get("data_offsets");
    int which = rnd.nextInt(2);
    BigInteger v =
        rnd.nextBoolean()
            ? o.get(which).bigIntegerValue().add(BigInteger.valueOf(rnd.nextInt(17) - 8))
            : special(rnd);
    o.set(which, JsonNodeFactory.instance.numberNode(v));
  }

  private static void swapOffsets(Spec a, Spec b) {
    ObjectNode x = a.info();
    ObjectNode y = b.info();
    var tmp = x.get("data_offsets");
    x.set("data_offsets", y.get("data_offsets"));
    y.set("data_offsets", tmp);
  }

  private static String randomDtype(Random rnd) {
    return rnd.nextBoolean()
        ? LOADABLE[rnd.nextInt(LOADABLE.length)]
        : OTHER_DTYPES[rnd.nextInt(OTHER_DTYPES.length)];
  }

  private static void mutateShape(Spec s, Random rnd) {
    ArrayNode shape = (ArrayNode) s.info().get("shape");
    int kind = rnd.nextInt(4);
    if (kind == 0 || shape.isEmpty()) {
      shape.add(1 + rnd.nextInt(3));
    } else if (kind == 1) {
      shape.remove(rnd.nextInt(shape.size()));
    } else if (kind == 2) {
      int i = rnd.nextInt(shape.size());
      shape.set(i, JsonNodeFactory.instance.numberNode(shape.get(i).asLong() + rnd.nextInt(5) - 2));
    } else {
      shape.set(rnd.nextInt(shape.size()), JsonNodeFactory.instance.numberNode(special(rnd)));
    }
  }

  private static BigInteger special(Random rnd) {
    return SPECIAL[rnd.nextInt(SPECIAL.length)];
  }
}
