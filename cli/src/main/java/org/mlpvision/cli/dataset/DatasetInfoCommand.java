package org.mlpvision.cli.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlpvision.cli.ImageLimitOption;
import org.mlpvision.cli.ReportOutput;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.SkipLog;
import org.mlpvision.datasets.ade.AdeClasses;
import org.mlpvision.datasets.ade.AdeDataset;
import org.mlpvision.datasets.ade.AdeStats;
import org.mlpvision.datasets.coco.CocoDataset;
import org.mlpvision.datasets.coco.CocoImage;
import org.mlpvision.datasets.coco.CocoReader;
import org.mlpvision.datasets.coco.CocoStats;
import org.mlpvision.datasets.coco.ImagePaths;
import org.mlpvision.datasets.transform.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision dataset info}: counts of a COCO file or an ADE20K split, after full checks. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print counts of a COCO instances file or an ADE20K split (checks everything).")
public final class DatasetInfoCommand implements Callable<Integer> {
  @Option(names = "--format", required = true, description = "coco | ade20k")
  String format;

  @Option(names = "--ann", description = "COCO annotation JSON (coco)")
  Path ann;

  @Option(names = "--images", description = "Image root: check every image exists and decodes")
  Path images;

  @Option(names = "--root", description = "ADEChallengeData2016 directory (ade20k)")
  Path root;

  @Option(names = "--split", defaultValue = "training", description = "training | validation")
  String split;

  @Option(
      names = "--skip-invalid",
      description =
          "Log and count invalid items, and missing or undecodable images, instead of failing")
  boolean skipInvalid;

  @Mixin ReportOutput output;

  @Mixin ImageLimitOption imageLimit;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> report =
        switch (format.toLowerCase()) {
          case "coco" -> coco();
          case "ade20k" -> ade();
          default ->
              throw new IllegalArgumentException("--format must be coco or ade20k, got " + format);
        };
    output.printNested(report, 16);
    return 0;
  }

  private Map<String, Object> coco() {
    if (ann == null) {
      throw new IllegalArgumentException("--format coco needs --ann FILE");
    }
    CocoDataset d = CocoReader.read(ann, skipInvalid);
    CocoStats s = CocoStats.of(d);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("images", s.images());
    r.put("annotations", s.annotations());
    r.put("categories", s.categories());
    r.put("crowd", s.crowd());
    r.put("skipped", s.skipped());
    if (images != null) {
      SkipLog log = new SkipLog(skipInvalid);
      int checked = 0;
      for (CocoImage im : d.images()) {
        if (log.attempt(() -> checkImage(d, im))) {
          checked++;
        }
      }
      r.put("images_checked", checked);
      r.put("images_skipped", log.skipped().size());
    }
    Map<String, Object> per = new LinkedHashMap<>();
    s.perCategory()
        .forEach(
            (id, c) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("name", c.name());
              e.put("instances", c.instances());
              e.put("mask_area", c.maskArea());
              per.put(Long.toString(id), e);
            });
    r.put("per_category", per);
    return r;
  }

  /** The image exists under --images, decodes, and has the size the file declares. */
  private void checkImage(CocoDataset d, CocoImage im) {
    String item = "image " + im.id();
    Path file;
    try {
      file = ImagePaths.resolve(images, im.fileName());
    } catch (IllegalArgumentException e) {
      throw new DatasetException(d.source(), item, "file_name", e.getMessage());
    }
    ImageFiles.checkImage(file, item, im.width(), im.height());
  }

  private Map<String, Object> ade() {
    if (root == null) {
      throw new IllegalArgumentException("--format ade20k needs --root DIR");
    }
    AdeDataset d = AdeDataset.open(root, split, skipInvalid);
    AdeStats s = AdeStats.of(d, skipInvalid);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("images", s.images());
    r.put("skipped", d.skipped().size() + s.skipped().size());
    r.put("other_pixels", s.pixels()[0]);
    r.put("invalid_pixels", s.invalidPixels());
    Map<String, Object> per = new LinkedHashMap<>();
    for (int label = 0; label < AdeClasses.COUNT; label++) {
      long n = s.pixels()[label + 1];
      if (n > 0) {
        per.put(AdeClasses.standard().name(label), n);
      }
    }
    r.put("pixels_per_class", per);
    return r;
  }
}
