package org.mlpvision.core.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mlpvision.core.io.RegularFiles;

/**
 * A checkpoint's tensors by name, in file order (PyTorch {@code state_dict} semantics). Reads
 * {@code .safetensors} with a header validated as the reference implementation does ({@link
 * Safetensors}), {@code .npz} through DJL, and PyTorch {@code .pth}/{@code .pt} zip checkpoints
 * through a restricted unpickler that never runs code ({@link TorchCheckpoint}).
 *
 * @param tensors name → tensor
 */
public record StateDict(Map<String, NDArray> tensors) {
  /** Keeps the given order. */
  public StateDict {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /**
   * Reads a checkpoint; the format follows the extension. For {@code .pth}/{@code .pt} the state
   * dict may be wrapped in {@code model}, {@code state_dict} or {@code model_ema} (first found).
   *
   * @throws IOException if the file is missing, unreadable or of an unknown format
   */
  public static StateDict read(Path file, NDManager manager) throws IOException {
    Optional<String> problem = RegularFiles.problem(file, "a checkpoint");
    if (problem.isPresent()) {
      throw new IOException(file + ": " + problem.get());
    }
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".pth") || name.endsWith(".pt") || name.endsWith(".pth.tar")) {
      return TorchCheckpoint.read(file, manager);
    }
    if (name.endsWith(".safetensors")) {
      return new StateDict(Safetensors.read(file, manager));
    }
    if (!name.endsWith(".npz")) {
      throw new IOException(
          "unknown checkpoint format '" + file + "'; expected .safetensors, .npz, .pth or .pt");
    }
    NDList list;
    try (InputStream in = Files.newInputStream(file)) {
      list = NDList.decode(manager, in);
    } catch (RuntimeException e) {
      throw new IOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
    Map<String, NDArray> map = new LinkedHashMap<>();
    for (NDArray a : list) {
      String key = a.getName();
      if (key == null || key.isEmpty()) {
        throw new IOException("checkpoint " + file + " has an unnamed tensor");
      }
      // np.savez keys carry no ".npy" in DJL, but strip it defensively.
      map.put(key.endsWith(".npy") ? key.substring(0, key.length() - 4) : key, a);
    }
    return new StateDict(map);
  }

  /** Writes the tensors as {@code .safetensors} (names and order kept). */
  public void writeSafetensors(Path file) throws IOException {
    Safetensors.write(file, tensors);
  }

  /** The tensor under {@code key}, or {@code null}. */
  public NDArray get(String key) {
    return tensors.get(key);
  }
}
