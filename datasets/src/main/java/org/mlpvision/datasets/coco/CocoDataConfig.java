package org.mlpvision.datasets.coco;

import java.nio.file.Path;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.config.Range;

/**
 * A COCO split in a config file (e.g. section {@code data.train}).
 *
 * @param annFile the instances JSON (required)
 * @param imageRoot directory the {@code file_name}s are relative to (required)
 * @param skipInvalid log and count invalid items instead of failing (default false; the config twin
 *     of {@code --skip-invalid})
 * @param filterEmptyGt drop images without annotations (default true, mmdet training)
 * @param minSize drop images whose shorter side is smaller (default 32, mmdet training)
 * @param withMasks load instance masks (default true)
 */
public record CocoDataConfig(
    String annFile,
    String imageRoot,
    Boolean skipInvalid,
    Boolean filterEmptyGt,
    @Range(min = 0, max = 100000) Integer minSize,
    Boolean withMasks) {
  /** Checks required keys and fills pinned defaults. */
  public CocoDataConfig {
    if (annFile == null || imageRoot == null) {
      throw new IllegalArgumentException("a COCO data config needs 'annFile' and 'imageRoot'");
    }
    skipInvalid = Defaults.or(skipInvalid, false);
    filterEmptyGt = Defaults.or(filterEmptyGt, true);
    minSize = Defaults.or(minSize, 32);
    withMasks = Defaults.or(withMasks, true);
  }

  /** Reads the file and applies the image filters. */
  public CocoInstances open() {
    return new CocoInstances(
        CocoReader.read(Path.of(annFile), skipInvalid), filterEmptyGt, minSize);
  }
}
