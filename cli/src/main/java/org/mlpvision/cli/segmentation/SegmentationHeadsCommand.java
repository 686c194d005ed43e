package org.mlpvision.cli.segmentation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.cli.DeviceOptions;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.segmentation.parity.HeadsCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision segmentation heads --case DIR --out OUT.npz}: runs the UperNet heads of a golden
 * case folder (inference, or losses and gradients when it holds {@code targets.npz}) and writes the
 * output keys of {@code shared/golden/heads/README.md}, for {@code compare.py}.
 */
@Command(
    name = "heads",
    description = "Run the UperNet heads of a golden case folder and write its output keys (.npz).")
public final class SegmentationHeadsCommand implements Callable<Integer> {
  @Option(
      names = "--case",
      required = true,
      paramLabel = "DIR",
      description = "case folder: meta.json, weights.safetensors, features.npz [, targets.npz]")
  Path caseDir;

  @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "output file")
  Path out;

  @Mixin DeviceOptions device;

  @Mixin ThreadOptions threads;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(caseDir.resolve("meta.json"))) {
      throw new IOException("not a case folder (no meta.json): " + caseDir);
    }
    threads.apply();
    Device dev = device.resolve();
    try (NDManager m = NDManager.newBaseManager(dev)) {
      HeadsCase c = HeadsCase.open(caseDir);
      Map<String, NDArray> outputs = c.run(m);
      NDList list = new NDList();
      for (Map.Entry<String, NDArray> e : outputs.entrySet()) {
        NDArray a = e.getValue().toDevice(Device.cpu(), true);
        a.setName(e.getKey());
        list.add(a);
        System.err.println(e.getKey() + " " + a.getShape() + " " + a.getDataType());
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(out)) {
        list.encode(os, NDList.Encoding.NPZ);
      }
    }
    return 0;
  }
}
