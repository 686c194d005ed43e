package org.mlpvision.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and writing {@code .safetensors} through {@link StateDict}: a round trip keeps names,
 * order, dtypes and bytes; every header the reference implementation refuses is refused with a
 * message naming the file, the tensor and the problem.
 */
class SafetensorsTest {
  @TempDir Path dir;

  private static final byte[] EIGHT = {1, 2, 3, 4, 5, 6, 7, 8};

  private Path file(String header, byte[] data) throws IOException {
    return SafetensorsFiles.write(
        dir.resolve("w.safetensors"), SafetensorsFiles.bytes(header, data));
  }

  private void assertRefused(Path f, String... parts) {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> StateDict.read(f, m))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(f.toString())
          .hasMessageContainingAll(parts);
    }
  }

  @Test
  void anOffsetThatWouldWrapAroundIsRefusedNamingTheTensor() throws Exception {
    // 2^62 + 4: taken modulo a 32-bit or 64-bit byte count it would point back into the data.
    Path f =
        file(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4611686018427387908,"
                + "4611686018427387912]}}",
            EIGHT);
    assertRefused(f, "tensor 'b'", "data_offsets [4611686018427387908", "past the end");
  }

  @Test
  void layoutErrorsNameTheTensorAndTheProblem() throws Exception {
    String f32 = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":";
    assertRefused(
        file("{\"a\":" + f32 + "[0,4]},\"b\":" + f32 + "[2,6]}}", new byte[6]),
        "tensor 'b'",
        "overlap tensor 'a'");
    assertRefused(
        file("{\"a\":" + f32 + "[0,4]},\"b\":" + f32 + "[6,10]}}", new byte[10]),
        "tensor 'b'",
        "gap");
    assertRefused(file("{\"a\":" + f32 + "[0,8]}}", EIGHT), "tensor 'a'", "needs 4");
    assertRefused(file("{\"a\":" + f32 + "[4,0]}}", EIGHT), "tensor 'a'", "end before");
    assertRefused(file("{\"a\":" + f32 + "[0,4]}}", EIGHT), "cover 4 bytes", "has 8");
    assertRefused(
        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", EIGHT),
        "tensor 'a'",
        "past the end");
  }

  @Test
  void headerFieldErrorsNameTheTensor() throws Exception {
    assertRefused(
        file("{\"a\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
        "tensor 'a'",
        "unknown dtype \"F12\"");
    assertRefused(
        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]),
        "tensor 'a'",
        "shape");
    assertRefused(
        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]),
        "tensor 'a'",
        "data_offsets");
    assertRefused(
        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "tensor 'a'", "needs");
    assertRefused(
        file(
            "{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,1]}}",
            new byte[1]),
        "tensor 'a'",
        "overflows");
    assertRefused(
        file(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            EIGHT),
        "Duplicate field 'a'");
  }

  @Test
  void headerLengthMustFitTheFileAndTheLimit() throws Exception {
    byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
    Path lie = dir.resolve("lie.safetensors");
    SafetensorsFiles.write(lie, SafetensorsFiles.bytes(3, json, new byte[0]));
    assertRefused(lie, "header length 3", "past the end of the file");
    SafetensorsFiles.write(lie, SafetensorsFiles.bytes(-1L, json, new byte[0]));
    assertRefused(lie, "header length 18446744073709551615", "exceeds the limit");
    SafetensorsFiles.write(lie, new byte[5]);
    assertRefused(lie, "too short");
    SafetensorsFiles.write(lie, SafetensorsFiles.bytes(2, new byte[] {(byte) 0xff, '}'}, EIGHT));
    assertRefused(lie, "not valid UTF-8");
    assertRefused(file("[1, 2]", new byte[0]), "must be a JSON object");
    assertRefused(file("{\"__metadata__\": {\"a\": 1}}", new byte[0]), "__metadata__");
  }

  @Test
  void dtypesTheEngineCannotHoldAreRefusedNamingTheTensor() throws Exception {
    for (String dtype : new String[] {"I16", "U16", "U32", "U64", "F8_E4M3", "C64"}) {
      int bytes = 2 * ReferenceSafetensors.BITS.get(dtype) / 8;
      assertRefused(
          file(
              "{\"q\":{\"dtype\":\""
                  + dtype
                  + "\",\"shape\":[2],\"data_offsets\":[0,"
                  + bytes
                  + "]}}",
              new byte[bytes]),
          "tensor 'q'",
          "dtype " + dtype + " cannot be loaded");
    }
  }

  @Test
  void bfloat16LoadsAsTheSameValuesInFloat32() throws Exception {
    // 1.0, 2.0, -3.5 and the smallest bfloat16 subnormal, little-endian.
    byte[] data = {(byte) 0x80, 0x3f, 0x00, 0x40, 0x60, (byte) 0xc0, 0x01, 0x00};
    Path f = file("{\"b\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]}}", data);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray b = StateDict.read(f, m).get("b");
      assertThat(b.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(b.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(b.toFloatArray()).containsExactly(1f, 2f, -3.5f, Float.intBitsToFloat(0x10000));
    }
  }

  @Test
  void roundTripKeepsNamesOrderDtypesAndBytes() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> in = new LinkedHashMap<>();
      in.put("z.weight", m.arange(6f).reshape(2, 3));
      in.put("a.half", m.arange(4f).toType(DataType.FLOAT16, false));
      in.put("b.long", m.create(new long[] {Long.MIN_VALUE, 7}));
      in.put("c.int8", m.create(new byte[] {-3, 4}));
      in.put("d.bool", m.create(new boolean[] {true, false, true}));
      in.put("e.f64", m.create(new double[] {Math.PI}));
      in.put("f.scalar", m.create(2.5f));
      in.put("g.empty", m.zeros(new Shape(0, 3)));

      Path f = dir.resolve("rt.safetensors");
      new StateDict(in).writeSafetensors(f);
      StateDict out = StateDict.read(f, m);
      assertThat(out.tensors().keySet()).containsExactlyElementsOf(in.keySet());
      in.forEach(
          (k, v) -> {
            NDArray r = out.get(k);
            assertThat(r.getDataType()).as(k).isEqualTo(v.getDataType());
            assertThat(r.getShape()).as(k).isEqualTo(v.getShape());
            assertThat(r.toByteArray()).as(k).isEqualTo(v.toByteArray());
          });
    }
  }
}
