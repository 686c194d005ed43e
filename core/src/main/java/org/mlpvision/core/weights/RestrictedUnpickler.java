package org.mlpvision.core.weights;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle reader that never executes anything: it understands the opcodes of protocols 2–4 and
 * resolves only an allow-list of globals (PyTorch's tensor and storage rebuilders and {@code
 * collections.OrderedDict}); any other global, and object-creating opcodes such as {@code NEWOBJ},
 * fail with an {@link IOException} naming what was refused. Pickle files can run arbitrary code
 * when loaded by Python; here a global is only a name that maps to a fixed Java handler.
 *
 * <p>Values: Python str → {@link String}, int → {@link Long} (or {@link BigInteger}), float →
 * {@link Double}, bool, None → {@code null}, tuple → {@link Tuple}, list → {@link List}, dict and
 * OrderedDict → {@link LinkedHashMap}. Persistent ids (storages) and allowed calls are delegated to
 * a {@link Handler}.
 */
public final class RestrictedUnpickler {
  /** An immutable Python tuple. */
  public record Tuple(List<Object> items) {
    /** Copies the items. */
    public Tuple {
      items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** Item {@code i}. */
    public Object get(int i) {
      return items.get(i);
    }
  }

  /** A resolved global: module and name. Only allowed ones are ever created. */
  public record Global(String module, String name) {
    @Override
    public String toString() {
      return module + "." + name;
    }
  }

  /** What the caller provides: persistent-id resolution and the allowed callables. */
  public interface Handler {
    /** Resolves a persistent id (PyTorch: {@code ('storage', cls, key, location, numel)}). */
    Object persistentLoad(Object pid) throws IOException;

    /** Calls an allowed global with positional arguments. */
    Object call(Global global, Tuple args) throws IOException;
  }

  private static final Object MARK = new Object();

  private final byte[] data;
  private final Set<Global> allowed;
  private final Handler handler;
  private final List<Object> stack = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private int pos;

  /**
   * @param data the pickle bytes
   * @param allowed the only globals that may be referenced
   */
  public RestrictedUnpickler(byte[] data, Set<Global> allowed, Handler handler) {
    this.data = data;
    this.allowed = allowed;
    this.handler = handler;
  }

  /** Runs the pickle program to its {@code STOP} and returns the result. */
  public Object load() throws IOException {
    while (true) {
      int op = u8();
      switch (op) {
        case 0x80 -> u8(); // PROTO
        case 0x95 -> pos += 8; // FRAME: length, frames are read as one buffer anyway
        case '.' -> {
          return pop();
        }
        case '(' -> {
          marks.add(stack.size());
          stack.add(MARK);
        }
        case '}' -> stack.add(new LinkedHashMap<>());
        case ']' -> stack.add(new ArrayList<>());
        case ')' -> stack.add(new Tuple(List.of()));
        case 'N' -> stack.add(null);
        case 0x88 -> stack.add(Boolean.TRUE);
        case 0x89 -> stack.add(Boolean.FALSE);
        case 'J' -> stack.add((long) le(4).getInt());
        case 'K' -> stack.add((long) u8());
        case 'M' -> stack.add((long) (le(2).getShort() & 0xffff));
        case 0x8a -> stack.add(longFrom(bytes(u8())));
        case 0x8b -> stack.add(longFrom(bytes(le(4).getInt())));
        case 'G' -> stack.add(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
        case 'X' -> stack.add(utf8(le(4).getInt()));
        case 0x8c -> stack.add(utf8(u8()));
        case 0x8d -> stack.add(utf8(Math.toIntExact(le(8).getLong())));
        case 'U' -> stack.add(new String(bytes(u8()), StandardCharsets.ISO_8859_1));
        case 'T' -> stack.add(new String(bytes(le(4).getInt()), StandardCharsets.ISO_8859_1));
        case 'C' -> stack.add(bytes(u8()));
        case 'B' -> stack.add(bytes(le(4).getInt()));
        case 'q' -> memo.put((long) u8(), peek());
        case 'r' -> memo.put(le(4).getInt() & 0xffffffffL, peek());
        case 0x94 -> memo.put((long) memo.size(), peek());
        case 'h' -> stack.add(memoGet(u8()));
        case 'j' -> stack.add(memoGet(le(4).getInt() & 0xffffffffL));
        case '0' -> pop();
        case '1' -> popMark();
        case '2' -> stack.add(peek());
        case 't' -> stack.add(new Tuple(popMark()));
        case 0x85 -> stack.add(new Tuple(Arrays.asList(pop())));
        case 0x86 -> {
          Object b = pop();
          Object a = pop();
          stack.add(new Tuple(Arrays.asList(a, b)));
        }
        case 0x87 -> {
          Object c = pop();
          Object b = pop();
          Object a = pop();
          stack.add(new Tuple(Arrays.asList(a, b, c)));
        }
        case 'a' -> {
          Object v = pop();
          list(peek()).add(v);
        }
        case 'e' -> {
          List<Object> items = popMark();
          list(peek()).addAll(items);
        }
        case 's' -> {
          Object v = pop();
          Object k = pop();
          dict(peek()).put(k, v);
        }
        case 'u' -> {
          List<Object> kv = popMark();
          Map<Object, Object> d = dict(peek());
          for (int i = 0; i + 1 < kv.size(); i += 2) {
            d.put(kv.get(i), kv.get(i + 1));
          }
        }
        case 'c' -> stack.add(global(line(), line()));
        case 0x93 -> {
          Object name = pop();
          Object module = pop();
          stack.add(global(String.valueOf(module), String.valueOf(name)));
        }
        case 'Q' -> stack.add(handler.persistentLoad(pop()));
        case 'R' -> {
          Object args = pop();
          Object f = pop();
          if (!(f instanceof Global g) || !(args instanceof Tuple t)) {
            throw new IOException("pickle REDUCE on a non-callable " + describe(f));
          }
          stack.add(handler.call(g, t));
        }
        case 'b' -> {
          // BUILD sets object state; only OrderedDict's attribute dict (_metadata) occurs in
          // state dicts, and it carries no weights, so it is dropped.
          Object state = pop();
          Object target = peek();
          if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null)) {
            throw new IOException("pickle BUILD on " + describe(target) + " is not allowed");
          }
        }
        default ->
            throw new IOException(
                String.format(
                    "unsupported or disallowed pickle opcode 0x%02x ('%s') at byte %d",
                    op, (char) op, pos - 1));
      }
    }
  }

  private Global global(String module, String name) throws IOException {
    Global g = new Global(module, name);
    if (!allowed.contains(g)) {
      throw new IOException(
          "refusing pickle global "
              + g
              + ": only tensor rebuilders and OrderedDict are allowed (pickles can run code;"
              + " re-save just the state dict, or convert to .safetensors)");
    }
    return g;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) throws IOException {
    if (o instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IOException("pickle APPEND to " + describe(o));
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> dict(Object o) throws IOException {
    if (o instanceof Map<?, ?> m) {
      return (Map<Object, Object>) m;
    }
    throw new IOException("pickle SETITEM on " + describe(o));
  }

  private static String describe(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName() + " " + o;
  }

  private Object memoGet(long key) throws IOException {
    if (!memo.containsKey(key)) {
      throw new IOException("pickle refers to unknown memo entry " + key);
    }
    return memo.get(key);
  }

  private Object pop() throws IOException {
    if (stack.isEmpty()) {
      throw new IOException("malformed pickle: stack underflow at byte " + pos);
    }
    Object o = stack.remove(stack.size() - 1);
    if (o == MARK) {
      throw new IOException("malformed pickle: unexpected mark at byte " + pos);
    }
    return o;
  }

  private Object peek() throws IOException {
    if (stack.isEmpty()) {
      throw new IOException("malformed pickle: empty stack at byte " + pos);
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popMark() throws IOException {
    if (marks.isEmpty()) {
      throw new IOException("malformed pickle: no mark at byte " + pos);
    }
    int m = marks.remove(marks.size() - 1);
    List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
    stack.subList(m, stack.size()).clear();
    return items;
  }

  private int u8() throws IOException {
    if (pos >= data.length) {
      throw new IOException("truncated pickle (no STOP)");
    }
    return data[pos++] & 0xff;
  }

  private byte[] bytes(int n) throws IOException {
    if (n < 0 || pos + n > data.length) {
      throw new IOException("truncated pickle at byte " + pos);
    }
    byte[] b = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return b;
  }

  private ByteBuffer le(int n) throws IOException {
    return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private String utf8(int n) throws IOException {
    return new String(bytes(n), StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    int start = pos;
    while (u8() != '\n') {
      // scan to the end of the line
    }
    return new String(data, start, pos - 1 - start, StandardCharsets.UTF_8);
  }

  /** Python's little-endian two's-complement long encoding. */
  private static Object longFrom(byte[] le) {
    if (le.length == 0) {
      return 0L;
    }
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    BigInteger v = new BigInteger(be);
    return v.bitLength() < 64 ? (Object) v.longValue() : v;
  }
}
