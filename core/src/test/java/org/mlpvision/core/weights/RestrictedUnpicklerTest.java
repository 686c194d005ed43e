package org.mlpvision.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestrictedUnpicklerTest {
  private static final RestrictedUnpickler.Handler NONE =
      new RestrictedUnpickler.Handler() {
        @Override
        public Object persistentLoad(Object pid) throws IOException {
          throw new IOException("no storages");
        }

        @Override
        public Object call(RestrictedUnpickler.Global g, RestrictedUnpickler.Tuple a) {
          return "called " + g;
        }
      };

  @Test
  @SuppressWarnings("unchecked")
  void readsPlainValues() throws Exception {
    // {'a': [1, 2.5, None, True], 'b': (300, 'x')}, assembled opcode by opcode.
    byte[] p = program();
    Object o = new RestrictedUnpickler(p, Set.of(), NONE).load();
    assertThat(o).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) o;
    assertThat((List<Object>) m.get("a")).containsExactly(1L, 2.5, null, true);
    assertThat(((RestrictedUnpickler.Tuple) m.get("b")).items()).containsExactly(300L, "x");
  }

  @Test
  void refusesGlobalsOutsideTheAllowList() {
    // GLOBAL 'os system', then STOP: a classic code-execution pickle must never resolve.
    byte[] p = ("cos\nsystem\n.").getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> new RestrictedUnpickler(p, Set.of(), NONE).load())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refusing pickle global os.system");
  }

  @Test
  void refusesObjectCreationOpcodes() {
    byte[] p = {(byte) 0x80, 2, ')', (byte) 0x81, '.'};
    assertThatThrownBy(() -> new RestrictedUnpickler(p, Set.of(), NONE).load())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("0x81");
  }

  @Test
  void callsOnlyAllowedGlobalsThroughTheHandler() throws Exception {
    RestrictedUnpickler.Global g = new RestrictedUnpickler.Global("collections", "OrderedDict");
    byte[] p = ("ccollections\nOrderedDict\n)R.").getBytes(StandardCharsets.US_ASCII);
    assertThat(new RestrictedUnpickler(p, Set.of(g), NONE).load())
        .isEqualTo("called collections.OrderedDict");
  }

  private static byte[] program() {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(0x80);
    b.write(2);
    b.write('}'); // {}
    b.write('('); // MARK
    str(b, "a");
    b.write(']');
    b.write('(');
    b.write('K');
    b.write(1);
    b.write('G');
    long bits = Double.doubleToLongBits(2.5);
    for (int i = 7; i >= 0; i--) {
      b.write((int) (bits >>> (8 * i)) & 0xff);
    }
    b.write('N');
    b.write(0x88);
    b.write('e'); // APPENDS
    str(b, "b");
    b.write('M');
    b.write(300 & 0xff);
    b.write(300 >> 8);
    str(b, "x");
    b.write(0x86); // TUPLE2
    b.write('u'); // SETITEMS
    b.write('.');
    return b.toByteArray();
  }

  private static void str(java.io.ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.write('X');
    b.write(bytes.length);
    b.write(0);
    b.write(0);
    b.write(0);
    b.write(bytes, 0, bytes.length);
  }
}
