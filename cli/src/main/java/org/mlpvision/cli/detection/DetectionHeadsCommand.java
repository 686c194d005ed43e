package org.mlpvision.cli.detection;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.inject.Guice;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.cli.ThreadOptions;
import org.mlpvision.detection.DetectionModule;
import org.mlpvision.detection.detector.DetectorFactory;
import org.mlpvision.detection.parity.HeadsCase;
import org.mlpvision.detection.parity.HeadsParity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vision detection heads}: runs the neck and heads of a golden case folder (mmdet model
 * config, weights, stored feature pyramid; a training case also holds targets) and writes every
 * output under the golden names as {@code .npz}, for {@code compare.py}.
 */
@Command(
    name = "heads",
    description =
        "Run the neck and heads of a golden case folder (model_cfg, weights.safetensors,"
            + " features.npz, optional targets.npz) and write every output as .npz.")
public final class DetectionHeadsCommand implements Callable<Integer> {
  @Option(names = "--case", required = true, paramLabel = "DIR", description = "case folder")
  Path caseDir;

  @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "output file")
  Path out;

  @Mixin ThreadOptions threads;

  @Override
  public Integer call() throws Exception {
    threads.apply();
    DetectorFactory factory =
        Guice.createInjector(new DetectionModule()).getInstance(DetectorFactory.class);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      HeadsCase c = HeadsCase.read(caseDir, m);
      HeadsParity.Result r = HeadsParity.run(c, factory, m);
      System.err.println("weights: " + r.load().describe());
      NDList list = new NDList();
      for (Map.Entry<String, NDArray> e : r.outputs().entrySet()) {
        NDArray a = e.getValue();
        NDArray c32 = a.getDataType() == DataType.FLOAT64 ? a.toType(DataType.FLOAT32, false) : a;
        c32 = c32.toDevice(Device.cpu(), false);
        c32.setName(e.getKey());
        list.add(c32);
        System.err.println(e.getKey() + " " + a.getShape());
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
