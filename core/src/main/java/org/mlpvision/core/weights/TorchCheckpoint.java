package org.mlpvision.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.mlpvision.core.weights.RestrictedUnpickler.Global;
import org.mlpvision.core.weights.RestrictedUnpickler.Tuple;

/**
 * Reads PyTorch {@code torch.save} zip checkpoints ({@code .pth}/{@code .pt}, PyTorch ≥ 1.6) in
 * pure Java. The pickle is run by {@link RestrictedUnpickler}, which resolves only tensor
 * rebuilders, storage types and {@code OrderedDict}; anything else (an {@code argparse.Namespace},
 * an optimizer class, a custom object) is refused with an error naming it. The state dict may be
 * the top-level object or sit under {@code model}, {@code state_dict} or {@code model_ema}; a
 * {@code module.} prefix (DataParallel) is removed.
 */
public final class TorchCheckpoint {
  private static final Map<String, DataType> STORAGES =
      Map.ofEntries(
          Map.entry("FloatStorage", DataType.FLOAT32),
          Map.entry("DoubleStorage", DataType.FLOAT64),
          Map.entry("HalfStorage", DataType.FLOAT16),
          Map.entry("BFloat16Storage", DataType.BFLOAT16),
          Map.entry("LongStorage", DataType.INT64),
          Map.entry("IntStorage", DataType.INT32),
          Map.entry("CharStorage", DataType.INT8),
          Map.entry("ByteStorage", DataType.UINT8),
          Map.entry("BoolStorage", DataType.BOOLEAN));

  private static final Global ORDERED_DICT = new Global("collections", "OrderedDict");
  private static final Global REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");
  private static final Global REBUILD_PARAMETER = new Global("torch._utils", "_rebuild_parameter");

  /** The wrappers tried, in order, when the top level is not itself a state dict. */
  static final List<String> WRAPPERS = List.of("model", "state_dict", "model_ema");

  private TorchCheckpoint() {}

  /** A tensor on the host, contiguous, in its PyTorch dtype. */
  record HostTensor(DataType type, long[] shape, byte[] data) {}

  private record Storage(DataType type, String key) {}

  /** Reads the state dict of a zip checkpoint into {@code manager}. */
  public static StateDict read(Path file, NDManager manager) throws IOException {
    Map<String, HostTensor> host = readHost(file);
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    host.forEach(
        (k, t) -> {
          NDArray a = EngineArrays.create(manager, ByteBuffer.wrap(t.data()), t.shape(), t.type());
          a.setName(k);
          tensors.put(k, a);
        });
    return new StateDict(tensors);
  }

  /** Reads the state dict as host tensors (no engine needed). */
  static Map<String, HostTensor> readHost(Path file) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IOException(
          "checkpoint "
              + file
              + " is not a zip-format torch.save file (legacy pre-1.6 format or not PyTorch);"
              + " re-save it with torch>=1.6 or convert it to .safetensors",
          e);
    }
    try (zip) {
      String prefix = archivePrefix(zip, file);
      ZipEntry order = zip.getEntry(prefix + "byteorder");
      if (order != null) {
        String bo = new String(readAll(zip, order), StandardCharsets.US_ASCII).trim();
        if (!bo.equals("little")) {
          throw new IOException("checkpoint " + file + " has unsupported byte order " + bo);
        }
      }
      byte[] pickle = readAll(zip, zip.getEntry(prefix + "data.pkl"));
      Map<String, byte[]> storages = new HashMap<>();
      RestrictedUnpickler.Handler handler =
          new RestrictedUnpickler.Handler() {
            @Override
            public Object persistentLoad(Object pid) throws IOException {
              return storage(pid, file);
            }

            @Override
            public Object call(Global g, Tuple args) throws IOException {
              if (g.equals(ORDERED_DICT)) {
                return new LinkedHashMap<>();
              }
              if (g.equals(REBUILD_PARAMETER)) {
                return args.get(0);
              }
              if (g.equals(REBUILD_TENSOR)) {
                return rebuild(args, zip, prefix, storages, file);
              }
              throw new IOException("refusing to call " + g + " in " + file);
            }
          };
      Set<Global> allowed =
          new java.util.HashSet<>(List.of(ORDERED_DICT, REBUILD_TENSOR, REBUILD_PARAMETER));
      for (String s : STORAGES.keySet()) {
        allowed.add(new Global("torch", s));
      }
      Object root = new RestrictedUnpickler(pickle, allowed, handler).load();
      return stateDict(root, file);
    }
  }

  private static String archivePrefix(ZipFile zip, Path file) throws IOException {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      if (name.equals("data.pkl")) {
        return "";
      }
      if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
        return name.substring(0, name.length() - "data.pkl".length());
      }
    }
    throw new IOException("checkpoint " + file + " has no data.pkl: not a torch.save zip file");
  }

  private static Storage storage(Object pid, Path file) throws IOException {
    if (pid instanceof Tuple t
        && t.items().size() >= 3
        && "storage".equals(t.get(0))
        && t.get(1) instanceof Global g
        && STORAGES.containsKey(g.name())) {
      return new Storage(STORAGES.get(g.name()), String.valueOf(t.get(2)));
    }
    throw new IOException("checkpoint " + file + " has an unsupported persistent id " + pid);
  }

  private static HostTensor rebuild(
      Tuple args, ZipFile zip, String prefix, Map<String, byte[]> cache, Path file)
      throws IOException {
    if (args.items().size() < 4 || !(args.get(0) instanceof Storage st)) {
      throw new IOException("checkpoint " + file + ": malformed tensor record " + args);
    }
    long offset = ((Number) args.get(1)).longValue();
    long[] shape = longs(args.get(2));
    long[] stride = longs(args.get(3));
    byte[] raw = cache.get(st.key());
    if (raw == null) {
      ZipEntry e = zip.getEntry(prefix + "data/" + st.key());
      if (e == null) {
        throw new IOException("checkpoint " + file + " lacks storage data/" + st.key());
      }
      raw = readAll(zip, e);
      cache.put(st.key(), raw);
    }
    int es = st.type().getNumOfBytes();
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    byte[] out = new byte[Math.toIntExact(count * es)];
    long[] idx = new long[shape.length];
    for (long i = 0; i < count; i++) {
      long src = offset;
      for (int d = 0; d < shape.length; d++) {
        src += idx[d] * stride[d];
      }
      if ((src + 1) * es > raw.length) {
        throw new IOException("checkpoint " + file + ": tensor view exceeds storage " + st.key());
      }
      System.arraycopy(raw, Math.toIntExact(src * es), out, Math.toIntExact(i * es), es);
      for (int d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IOException("big-endian hosts are not supported for .pth reading");
    }
    return new HostTensor(st.type(), shape, out);
  }

  private static long[] longs(Object o) throws IOException {
    if (!(o instanceof Tuple t)) {
      throw new IOException("expected a tuple of sizes, got " + o);
    }
    long[] r = new long[t.items().size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((Number) t.get(i)).longValue();
    }
    return r;
  }

  private static Map<String, HostTensor> stateDict(Object root, Path file) throws IOException {
    if (!(root instanceof Map<?, ?> map)) {
      throw new IOException("checkpoint " + file + " does not hold a dict but " + root);
    }
    Map<?, ?> dict = map;
    if (!allTensors(map)) {
      dict = null;
      for (String w : WRAPPERS) {
        if (map.get(w) instanceof Map<?, ?> inner && allTensors(inner)) {
          dict = inner;
          break;
        }
      }
      if (dict == null) {
        throw new IOException(
            "checkpoint "
                + file
                + " has no state dict at the top level or under "
                + WRAPPERS
                + "; top-level keys: "
                + map.keySet());
      }
    }
    boolean dataParallel =
        dict.keySet().stream().allMatch(k -> String.valueOf(k).startsWith("module."));
    Map<String, HostTensor> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      String key = String.valueOf(e.getKey());
      out.put(dataParallel ? key.substring("module.".length()) : key, (HostTensor) e.getValue());
    }
    return out;
  }

  private static boolean allTensors(Map<?, ?> map) {
    return !map.isEmpty()
        && map.entrySet().stream()
            .allMatch(e -> e.getKey() instanceof String && e.getValue() instanceof HostTensor);
  }

  private static byte[] readAll(ZipFile zip, ZipEntry e) throws IOException {
    if (e == null) {
      throw new IOException("missing zip entry in " + zip.getName());
    }
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
