package org.mlpvision.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.bench.datasets.CocoParseBench;
import org.mlpvision.cli.ReportOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision bench coco-parse}: time and heap of streaming a large COCO file. */
@Command(
    name = "coco-parse",
    mixinStandardHelpOptions = true,
    description =
        "Parse time and heap of the streaming COCO reader on a generated (or given) file.")
public final class BenchCocoParseCommand implements Callable<Integer> {
  @Option(names = "--ann", description = "Parse this file instead of a generated one")
  Path ann;

  @Option(
      names = "--annotations",
      defaultValue = "100000",
      description = "Annotations in the generated file (default 100000)")
  int annotations;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed parses (default 3)")
  int repeats;

  @Mixin ReportOutput output;

  @Override
  public Integer call() throws Exception {
    Path file = ann;
    if (file == null) {
      file = Files.createTempFile("coco-parse", ".json");
      CocoParseBench.writeFile(file, annotations, 0);
    }
    try {
      Map<String, Object> r = CocoParseBench.run(file, repeats);
      output.print(r, 24);
    } finally {
      if (ann == null) {
        Files.deleteIfExists(file);
      }
    }
    return 0;
  }
}
