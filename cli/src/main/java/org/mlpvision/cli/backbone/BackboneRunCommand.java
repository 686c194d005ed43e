package org.mlpvision.cli.backbone;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mlpvision.backbone.Backbone;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.core.io.RegularFiles;
import org.mlpvision.core.weights.LoadReport;
import org.mlpvision.core.weights.StateDict;
import org.mlpvision.core.weights.WeightLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision backbone run}: loads official-named weights, runs the model in eval mode on a
 * float32 NCHW {@code .npy} and writes {@code logits} (classifier) or {@code stage1..stage4}
 * (dense) as float32 {@code .npz}.
 */
@Command(name = "run", description = "Run a backbone with weights on an .npy input, write .npz.")
public final class BackboneRunCommand implements Callable<Integer> {
  @Mixin ModelOption model;

  @Option(
      names = "--weights",
      required = true,
      paramLabel = "FILE",
      description = ".safetensors, .npz, .pth or .pt state dict (official key names)")
  Path weights;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "IN.npy",
      description = "float32 NCHW input")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "output file")
  Path out;

  @Option(
      names = "--strict",
      description = "Fail unless every key matches (default: report and go on)")
  boolean strict;

  @Option(
      names = "--min-loaded",
      paramLabel = "SHARE",
      defaultValue = "0.5",
      description =
          "Without --strict, fail unless at least this share of the model's tensors is loaded"
              + " (default ${DEFAULT-VALUE}; a load of nothing always fails)")
  double minLoaded;

  @Mixin DeviceOptions device;

  @Mixin ThreadOptions threads;

  @Override
  public Integer call() throws Exception {
    // Path mistakes are reported before the engine loads and the model is built.
    requireFile(weights, "--weights", "a weights file");
    requireFile(input, "--input", "an .npy file");
    threads.apply();
    Device dev = device.resolve();
    Block block = model.build();
    try (NDManager m = NDManager.newBaseManager(dev)) {
      NDArray x = readInput(m, input);
      block.initialize(m, DataType.FLOAT32, x.getShape());
      LoadReport report =
          WeightLoader.load(
              block, StateDict.read(weights, m), strict, minLoaded, weights.toString());
      System.err.println(report.describe());
      ParameterStore ps = new ParameterStore(m, false);
      NDList result;
      if (block instanceof Backbone b) {
        result = b.extract(ps, x, false).toNDList();
      } else {
        NDArray logits = block.forward(ps, new NDList(x), false).singletonOrThrow();
        logits.setName("logits");
        result = new NDList(logits);
      }
      NDList f32 = new NDList();
      for (NDArray a : result) {
        NDArray c = a.toType(DataType.FLOAT32, false).toDevice(Device.cpu(), false);
        c.setName(a.getName());
        f32.add(c);
        System.err.println(a.getName() + " " + a.getShape());
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(out)) {
        f32.encode(os, NDList.Encoding.NPZ);
      }
    }
    return 0;
  }

  private static void requireFile(Path file, String option, String what) throws IOException {
    Optional<String> problem = RegularFiles.problem(file, what);
    if (problem.isPresent()) {
      throw new IOException(option + " " + file + ": " + problem.get());
    }
  }

  private static NDArray readInput(NDManager m, Path file) throws IOException {
    NDList list;
    try (InputStream in = Files.newInputStream(file)) {
      list = NDList.decode(m, in);
    } catch (RuntimeException e) {
      throw new IOException("cannot read .npy input " + file + ": " + e.getMessage(), e);
    }
    if (list.size() != 1) {
      throw new IOException("input " + file + " must hold one array, found " + list.size());
    }
    NDArray x = list.head();
    if (x.getDataType() != DataType.FLOAT32) {
      throw new IOException("input " + file + " must be float32, found " + x.getDataType());
    }
    if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
      throw new IOException(
          "input " + file + " must be NCHW with 3 channels, found shape " + x.getShape());
    }
    return x;
  }
}
