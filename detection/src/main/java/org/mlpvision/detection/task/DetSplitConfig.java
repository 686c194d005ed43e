package org.mlpvision.detection.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlpvision.core.config.OneOf;

/**
 * One split of a detection recipe's {@code data} section, as mmdet writes it ({@code data.train},
 * {@code data.val}, {@code data.test}).
 *
 * @param type always {@code CocoDataset} (any COCO-format annotation file)
 * @param annFile the instances JSON, relative to {@code data.data_root} when that is set
 * @param imgPrefix the folder the {@code file_name}s are relative to, likewise
 * @param pipeline mmdet's pipeline list ({@link MmdetPipeline})
 * @param filterEmptyGt training only: drop images without usable annotations (default true)
 * @param skipInvalid report and skip invalid annotations instead of failing (default false)
 */
public record DetSplitConfig(
    @OneOf({"CocoDataset"}) String type,
    String annFile,
    String imgPrefix,
    JsonNode pipeline,
    Boolean filterEmptyGt,
    Boolean skipInvalid) {
  /** Checks the keys. */
  public DetSplitConfig {
    if (type == null || annFile == null || imgPrefix == null) {
      throw new IllegalArgumentException("a split needs type, ann_file and img_prefix");
    }
    if (pipeline == null || !pipeline.isArray()) {
      throw new IllegalArgumentException("pipeline must be a list of transforms");
    }
    filterEmptyGt = filterEmptyGt == null || filterEmptyGt;
    skipInvalid = skipInvalid != null && skipInvalid;
  }
}
