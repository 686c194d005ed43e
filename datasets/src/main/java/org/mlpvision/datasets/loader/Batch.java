package org.mlpvision.datasets.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.mlpvision.datasets.transform.ImageMeta;

/**
 * A batch on a device: every array belongs to the manager passed to {@link HostBatch#toDevice}, so
 * closing that (scoped) manager frees it.
 *
 * @param images {@code [B,3,H,W]} float32, zero-padded
 * @param labelMaps {@code [B,H,W]} uint8 padded with 255, or null (detection)
 * @param metas per-image metas
 * @param boxes per image {@code [n,4]} float32 xyxy
 * @param labels per image {@code [n]} int64 contiguous labels
 * @param ignoreBoxes per image {@code [k,4]} float32 crowd boxes
 * @param masks per image {@code [n,H,W]} uint8 instance masks, or null
 */
public record Batch(
    NDArray images,
    NDArray labelMaps,
    List<ImageMeta> metas,
    NDList boxes,
    NDList labels,
    NDList ignoreBoxes,
    NDList masks) {}
