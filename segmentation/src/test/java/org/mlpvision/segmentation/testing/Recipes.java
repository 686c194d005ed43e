package org.mlpvision.segmentation.testing;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.segmentation.SegmentationRecipe;
import org.mlpvision.segmentation.SegmentorConfigReader;
import org.mlpvision.segmentation.SegmentorModule;

/** The repository's segmentation recipes, read through the Guice-wired head registry. */
public final class Recipes {
  private Recipes() {}

  /** {@code configs/segmentation}, found by walking up from the working directory. */
  public static Path dir() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      Path c = p.resolve("configs/segmentation");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new IllegalStateException(
        "no configs/segmentation above " + System.getProperty("user.dir"));
  }

  /** The reader of model sections, as Guice wires it. */
  public static SegmentorConfigReader reader() {
    return Guice.createInjector(new SegmentorModule()).getInstance(SegmentorConfigReader.class);
  }

  /** Reads recipe {@code name} ({@code .json} added). */
  public static SegmentationRecipe read(String name) {
    return SegmentationRecipe.read(ConfigSource.load(dir().resolve(name + ".json")), reader());
  }
}
