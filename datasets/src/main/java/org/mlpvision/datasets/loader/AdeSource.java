package org.mlpvision.datasets.loader;

import java.util.Random;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.ade.AdeDataset;
import org.mlpvision.datasets.ade.AdeSample;
import org.mlpvision.datasets.ade.LabelMaps;
import org.mlpvision.datasets.transform.ImageFiles;
import org.mlpvision.datasets.transform.Sample;
import org.mlpvision.datasets.transform.Transform;
import org.opencv.core.Mat;

/**
 * ADE20K images with label maps (optionally {@code reduce_zero_label}), then the pipeline. The
 * label map must have the image's size.
 */
public final class AdeSource implements SampleSource {
  private final AdeDataset dataset;
  private final Transform pipeline;
  private final boolean reduceZeroLabel;

  public AdeSource(AdeDataset dataset, Transform pipeline, boolean reduceZeroLabel) {
    this.dataset = dataset;
    this.pipeline = pipeline;
    this.reduceZeroLabel = reduceZeroLabel;
  }

  @Override
  public int size() {
    return dataset.samples().size();
  }

  @Override
  public Sample load(int index, Random rnd) {
    AdeSample a = dataset.samples().get(index);
    String item = "image " + a.stem();
    Sample s = new Sample(a.stem(), ImageFiles.readBgr(a.image(), item));
    try {
      Mat labels = ImageFiles.readLabels(a.labels(), item);
      s.setLabelMap(labels);
      if (labels.rows() != s.height() || labels.cols() != s.width()) {
        throw new DatasetException(
            a.labels().toString(),
            item,
            "size",
            "label map is "
                + labels.cols()
                + "x"
                + labels.rows()
                + ", image is "
                + s.width()
                + "x"
                + s.height());
      }
      if (reduceZeroLabel) {
        byte[] v = new byte[labels.rows() * labels.cols()];
        labels.get(0, 0, v);
        LabelMaps.reduceZeroLabel(v);
        labels.put(0, 0, v);
      }
      if (!pipeline.apply(s, rnd)) {
        s.close();
        return null;
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }
}
