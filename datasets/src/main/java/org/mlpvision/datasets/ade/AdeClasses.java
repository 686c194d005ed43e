package org.mlpvision.datasets.ade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 150 ADE20K SceneParsing classes with mmseg's names and palette, indexed by training label
 * (raw annotation value minus 1; see {@link LabelMaps#reduceZeroLabel}).
 */
public final class AdeClasses {
  /** Number of evaluated classes. */
  public static final int COUNT = 150;

  private static final AdeClasses STANDARD = load();

  private final List<String> names;
  private final List<int[]> colours;

  private AdeClasses(List<String> names, List<int[]> colours) {
    this.names = List.copyOf(names);
    this.colours = List.copyOf(colours);
  }

  /** The standard table. */
  public static AdeClasses standard() {
    return STANDARD;
  }

  /** Class names in label order. */
  public List<String> names() {
    return names;
  }

  /** Name of {@code label} (0..149). */
  public String name(int label) {
    return names.get(label);
  }

  /** Palette colour of {@code label} as {@code {r, g, b}}. */
  public int[] colour(int label) {
    return colours.get(label).clone();
  }

  private static AdeClasses load() {
    List<String> names = new ArrayList<>();
    List<int[]> colours = new ArrayList<>();
    try (InputStream in = AdeClasses.class.getResourceAsStream("ade20k-classes.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        String[] rgb = f[2].split(",");
        names.add(f[1]);
        colours.add(
            new int[] {
              Integer.parseInt(rgb[0]), Integer.parseInt(rgb[1]), Integer.parseInt(rgb[2])
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (names.size() != COUNT) {
      throw new IllegalStateException("ADE20K class table has " + names.size() + " rows");
    }
    return new AdeClasses(names, colours);
  }
}
