package org.mlpvision.datasets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.json.ParallelArrayReader.ElementFailure;
import org.mlpvision.datasets.json.ParallelArrayReader.Piece;

class ParallelArrayReaderTest {
  private static final byte[][] FIELDS = JsonCursor.names("id", "text");

  private static JsonDocument doc(String json) {
    try {
      return JsonDocument.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Reads {@code {"id": n, ...}} elements in pieces of about 64 bytes; returns the ids in order.
   */
  private static List<Long> ids(JsonDocument doc, JsonCursor c, int[] pieces) {
    List<Piece<List<Long>>> read =
        ParallelArrayReader.read(
            doc,
            c,
            ArrayList::new,
            (cursor, state, index) -> {
              cursor.enterObject();
              int f;
              while ((f = cursor.nextField(FIELDS)) != JsonCursor.END) {
                if (f == 0) {
                  cursor.readNumber();
                  if (cursor.longValue() < 0) {
                    throw new IllegalStateException("negative id");
                  }
                  state.add(cursor.longValue());
                } else {
                  cursor.skipValue();
                }
              }
            },
            64);
    List<Long> out = new ArrayList<>();
    int expectedFirst = 0;
    for (Piece<List<Long>> p : read) {
      assertThat(p.firstIndex()).isEqualTo(expectedFirst);
      assertThat(p.count()).isEqualTo(p.state().size());
      expectedFirst += p.count();
      out.addAll(p.state());
    }
    pieces[0] = read.size();
    return out;
  }

  private static String array(int n, boolean trap) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      s.append(i > 0 ? ",\n " : "").append("{\"id\":").append(i);
      // Strings and nested values that contain the '},{' pattern a guess looks for.
      if (trap && i % 3 == 0) {
        s.append(",\"text\":\"},{\\\"id\\\":-1},{ ").append("pad".repeat(i % 7)).append('"');
      }
      if (trap && i % 5 == 0) {
        s.append(",\"nested\":[{\"id\":-2}, {\"id\":-3}]");
      }
      s.append('}');
    }
    return s.append("]").toString();
  }

  @Test
  void piecesGiveTheElementsOfASequentialRead() {
    for (boolean trap : new boolean[] {false, true}) {
      JsonDocument d = doc(array(300, trap) + "  ");
      JsonCursor c = d.cursor();
      int[] pieces = new int[1];
      List<Long> got = ids(d, c, pieces);
      assertThat(got).hasSize(300);
      for (int i = 0; i < 300; i++) {
        assertThat(got.get(i)).isEqualTo(i);
      }
      assertThat(pieces[0]).isGreaterThan(1);
      assertThat(c.atEnd()).isTrue(); // the cursor continues after the array
    }
  }

  @Test
  void theCursorContinuesAfterTheArrayInsideAnObject() {
    JsonDocument d = doc("{\"a\":" + array(100, true) + ",\"b\":[]}");
    JsonCursor c = d.cursor();
    c.enterObject();
    assertThat(c.nextField(JsonCursor.names("a"))).isZero();
    assertThat(ids(d, c, new int[1])).hasSize(100);
    assertThat(c.nextField(JsonCursor.names("a"))).isEqualTo(JsonCursor.OTHER);
    c.skipValue();
    assertThat(c.nextField(JsonCursor.names("a"))).isEqualTo(JsonCursor.END);
  }

  @Test
  void theFirstFailureInArrayOrderIsReported() {
    String json = array(200, false);
    // element 40 fails in the reader, element 150 is malformed JSON
    json = json.replace("{\"id\":40}", "{\"id\":-40}").replace("{\"id\":150}", "{\"id\":150,}");
    JsonDocument d = doc(json);
    assertThatThrownBy(() -> ids(d, d.cursor(), new int[1]))
        .isInstanceOfSatisfying(
            ElementFailure.class,
            e -> {
              assertThat(e.index()).isEqualTo(40);
              assertThat(e.getCause()).hasMessage("negative id");
            });
    JsonDocument malformed = doc(array(200, false).replace("{\"id\":150}", "{\"id\":150,}"));
    assertThatThrownBy(() -> ids(malformed, malformed.cursor(), new int[1]))
        .isInstanceOfSatisfying(
            ElementFailure.class,
            e -> {
              assertThat(e.index()).isEqualTo(150);
              assertThat(e.getCause()).isInstanceOf(JsonSyntaxException.class);
            });
  }

  @Test
  void emptyAndTinyArrays() {
    JsonDocument d = doc("[ ]");
    assertThat(ids(d, d.cursor(), new int[1])).isEmpty();
    JsonDocument one = doc("[{\"id\":7}]");
    assertThat(ids(one, one.cursor(), new int[1])).containsExactly(7L);
  }
}
