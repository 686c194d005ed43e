package org.mlpvision.detection.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.mlpvision.detection.box.DeltaXywhCoder;
import org.mlpvision.detection.nms.BatchedNms;

/**
 * mmdet 2.11's RPN proposal step for one image ({@code RPNHead._get_bboxes_single}): per level,
 * sigmoid scores and the top {@code nmsPre} anchors; then decode against the anchors clipped to the
 * image, drop boxes smaller than {@code minBboxSize} (when it is &gt; 0), NMS per level (levels
 * never suppress each other), and keep the best {@code maxPerImg} across levels. Scores and deltas
 * are treated as constants (mmdet detaches them).
 *
 * @param nmsPre anchors kept per level before NMS
 * @param iouThr NMS IoU threshold
 * @param maxPerImg proposals kept per image
 * @param minBboxSize minimum width and height, or 0 for no filter
 */
public record ProposalGenerator(int nmsPre, double iouThr, int maxPerImg, double minBboxSize) {
  private static final DeltaXywhCoder CODER = DeltaXywhCoder.rpn();

  /** Validates the settings. */
  public ProposalGenerator {
    if (nmsPre <= 0 || maxPerImg <= 0) {
      throw new IllegalArgumentException(
          "nmsPre and maxPerImg must be > 0, got " + nmsPre + " and " + maxPerImg);
    }
    if (!(iouThr >= 0 && iouThr <= 1)) {
      throw new IllegalArgumentException("iouThr must be in [0,1], got " + iouThr);
    }
  }

  /** The training setting: 2000 per level, IoU 0.7, 2000 per image. */
  public static ProposalGenerator train() {
    return new ProposalGenerator(2000, 0.7, 2000, 0);
  }

  /** The test setting: 1000 per level, IoU 0.7, 1000 per image. */
  public static ProposalGenerator test() {
    return new ProposalGenerator(1000, 0.7, 1000, 0);
  }

  /**
   * Proposals of one image.
   *
   * @param logits per level, {@code (H·W·A)} objectness logits in the head's (y, x, a) order
   * @param deltas per level, {@code (H·W·A, 4)}
   * @param anchors per level, {@code (H·W·A, 4)}
   * @param imgShape {@code {height, width}} of the unpadded image, for clipping
   * @return {@code (K,5)} rows {@code (x1,y1,x2,y2,score)}, by descending score
   */
  public NDArray apply(
      List<NDArray> logits, List<NDArray> deltas, List<NDArray> anchors, long[] imgShape) {
    if (logits.size() != deltas.size() || logits.size() != anchors.size() || logits.isEmpty()) {
      throw new IllegalArgumentException(
          "need one logits, deltas and anchors tensor per level, got "
              + logits.size()
              + ", "
              + deltas.size()
              + " and "
              + anchors.size());
    }
    NDList scores = new NDList();
    NDList picked = new NDList();
    NDList pickedAnchors = new NDList();
    int[] counts = new int[logits.size()];
    for (int l = 0; l < logits.size(); l++) {
      NDArray s = logits.get(l).flatten().stopGradient().getNDArrayInternal().sigmoid();
      NDArray d = deltas.get(l).stopGradient().reshape(-1, 4);
      NDArray a = anchors.get(l);
      if (s.getShape().get(0) != d.getShape().get(0)
          || d.getShape().get(0) != a.getShape().get(0)) {
        throw new IllegalArgumentException(
            "level "
                + l
                + ": logits "
                + s.getShape()
                + ", deltas "
                + d.getShape()
                + " and anchors "
                + a.getShape()
                + " must have the same length");
      }
      if (s.getShape().get(0) > nmsPre) {
        NDList top = s.topK(nmsPre, 0, true, true);
        s = top.get(0);
        NDArray idx = top.get(1);
        d = d.get(idx);
        a = a.get(idx);
      }
      counts[l] = Math.toIntExact(s.getShape().get(0));
      scores.add(s);
      picked.add(d);
      pickedAnchors.add(a);
    }
    NDArray s = NDArrays.concat(scores, 0);
    NDArray boxes =
        CODER.decode(NDArrays.concat(pickedAnchors, 0), NDArrays.concat(picked, 0), imgShape);
    float[] b = boxes.toType(DataType.FLOAT32, false).toFloatArray();
    float[] sc = s.toType(DataType.FLOAT32, false).toFloatArray();
    int[] level = new int[sc.length];
    int q = 0;
    for (int l = 0; l < counts.length; l++) {
      for (int i = 0; i < counts[l]; i++) {
        level[q++] = l;
      }
    }
    if (minBboxSize > 0) {
      int kept = 0;
      for (int i = 0; i < sc.length; i++) {
        if (b[4 * i + 2] - b[4 * i] >= minBboxSize && b[4 * i + 3] - b[4 * i + 1] >= minBboxSize) {
          System.arraycopy(b, 4 * i, b, 4 * kept, 4);
          sc[kept] = sc[i];
          level[kept] = level[i];
          kept++;
        }
      }
      b = Arrays.copyOf(b, 4 * kept);
      sc = Arrays.copyOf(sc, kept);
      level = Arrays.copyOf(level, kept);
    }
    int[] keep = BatchedNms.nms(b, sc, level, iouThr, maxPerImg);
    float[] out = new float[5 * keep.length];
    for (int i = 0; i < keep.length; i++) {
      System.arraycopy(b, 4 * keep[i], out, 5 * i, 4);
      out[5 * i + 4] = sc[keep[i]];
    }
    NDManager mgr = boxes.getManager();
    return mgr.create(out, new Shape(keep.length, 5)).toDevice(boxes.getDevice(), false);
  }
}
