package org.mlpvision.datasets.json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Reads the elements of one large JSON array on all cores. The array is cut at guessed element
 * starts (a {@code '{'} after {@code '},'}, found by a byte search); each piece is read from its
 * guess on its own thread until it reaches an element starting at or after the next guess. A guess
 * counts only when the piece before it, read from a verified start, stops exactly there; otherwise
 * (the pattern occurred inside a string or a nested value) the rest is read sequentially from where
 * that piece stopped. The elements, their order and the first error are therefore always those of a
 * sequential read.
 */
public final class ParallelArrayReader {
  private static final int MIN_PIECE = 1 << 20;
  private static final int SEARCH = 1 << 20;

  private ParallelArrayReader() {}

  /** Reads one element (the cursor is at its first byte) into the state of its piece. */
  public interface ElementReader<S> {
    /**
     * @param index the element's index within its piece
     */
    void read(JsonCursor cursor, S state, int index);
  }

  /**
   * The elements of one piece, in order.
   *
   * @param state what the element reader collected
   * @param firstIndex index in the array of the piece's first element
   * @param count number of elements
   */
  public record Piece<S>(S state, int firstIndex, int count) {}

  /** A failure while reading element {@link #index()}; the cause is the original exception. */
  public static final class ElementFailure extends RuntimeException {
    private final int index;

    ElementFailure(int index, RuntimeException cause) {
      super("element " + index + ": " + cause.getMessage(), cause, false, false);
      this.index = index;
    }

    /** Index in the array of the element that failed. */
    public int index() {
      return index;
    }
  }

  /** The outcome of reading one piece. */
  private record Attempt<S>(S state, int count, int stop, int end, RuntimeException failure) {}

  /**
   * Reads the array at {@code cursor} (which must be at its {@code '['}) and leaves the cursor
   * after its {@code ']'}.
   *
   * @return the pieces in array order
   * @throws ElementFailure for the first element, in array order, whose reading threw
   */
  public static <S> List<Piece<S>> read(
      JsonDocument doc, JsonCursor cursor, Supplier<S> newState, ElementReader<S> reader) {
    return read(doc, cursor, newState, reader, MIN_PIECE);
  }

  /** As {@link #read(JsonDocument, JsonCursor, Supplier, ElementReader)} with a piece size. */
  static <S> List<Piece<S>> read(
      JsonDocument doc,
      JsonCursor cursor,
      Supplier<S> newState,
      ElementReader<S> reader,
      int minPiece) {
    cursor.enterArray();
    List<Piece<S>> out = new ArrayList<>();
    if (cursor.peek() == ']') {
      cursor.nextElement();
      return out;
    }
    int[] starts = guesses(doc, cursor.position(), minPiece);
    int n = starts.length;
    @SuppressWarnings("unchecked")
    Attempt<S>[] attempts = new Attempt[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> attempts[i] = attempt(doc, starts[i], limit(starts, i), newState, reader));
    int i = 0;
    int index = 0;
    Attempt<S> a = attempts[0];
    while (true) {
      if (a.failure() != null) {
        throw new ElementFailure(index + a.count(), a.failure());
      }
      out.add(new Piece<>(a.state(), index, a.count()));
      index += a.count();
      if (a.stop() < 0) {
        cursor.continueAfter(a.end());
        return out;
      }
      if (i + 1 < n && a.stop() == starts[i + 1]) {
        a = attempts[++i];
      } else {
        i = n; // a wrong guess: no more speculation
        a = attempt(doc, a.stop(), Integer.MAX_VALUE, newState, reader);
      }
    }
  }

  private static int limit(int[] starts, int i) {
    return i + 1 < starts.length ? starts[i + 1] : Integer.MAX_VALUE;
  }

  private static <S> Attempt<S> attempt(
      JsonDocument doc, int start, int limit, Supplier<S> newState, ElementReader<S> reader) {
    JsonCursor c = doc.cursorAt(start);
    c.resumeArray();
    S state = newState.get();
    int count = 0;
    try {
      while (c.nextElement()) {
        if (c.position() >= limit) {
          return new Attempt<>(state, count, c.position(), -1, null);
        }
        reader.read(c, state, count);
        count++;
      }
      return new Attempt<>(state, count, -1, c.position(), null);
    } catch (RuntimeException e) {
      return new Attempt<>(state, count, -1, -1, e);
    }
  }

  /** The first element's start, then guessed element starts, increasing. */
  private static int[] guesses(JsonDocument doc, int first, int minPiece) {
    long span = doc.size() - first;
    int pieces =
        (int)
            Math.max(1, Math.min(span / minPiece, 4L * Runtime.getRuntime().availableProcessors()));
    int[] out = new int[pieces];
    out[0] = first;
    int n = 1;
    byte[] b = doc.bytes();
    for (int i = 1; i < pieces; i++) {
      int from = (int) Math.max(first + span * i / pieces, out[n - 1] + 1L);
      int g = nextObjectStart(b, from, doc.size());
      if (g < 0) {
        break;
      }
      out[n++] = g;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Position of the {@code '{'} of the next {@code '}' ws ',' ws '{'} from {@code from}, or -1. */
  private static int nextObjectStart(byte[] b, int from, int size) {
    int stop = (int) Math.min(size, (long) from + SEARCH);
    for (int p = from; p < stop; p++) {
      if (b[p] != '}') {
        continue;
      }
      int q = skipSpace(b, p + 1, size);
      if (q < size && b[q] == ',') {
        q = skipSpace(b, q + 1, size);
        if (q < size && b[q] == '{') {
          return q;
        }
      }
    }
    return -1;
  }

  private static int skipSpace(byte[] b, int p, int size) {
    while (p < size) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      p++;
    }
    return p;
  }
}
