package org.mlpvision.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Image embeddings from a model's backbone for nearest-neighbour search: prints, for every image of
 * a folder (two or more), the most similar other image by cosine similarity.
 *
 * <p>{@code SimilarImages MODEL_DIR IMAGES_DIR}
 */
public final class SimilarImages {
  private SimilarImages() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    List<Image> images = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(args[1]), "*.{jpg,png}")) {
      for (Path f : dir) {
        files.add(f);
        images.add(ImageFactory.getInstance().fromFile(f));
      }
    }
    Criteria<Image, float[]> criteria =
        Criteria.builder()
            .setTypes(Image.class, float[].class)
            .optModelPath(Path.of(args[0]))
            .build();
    List<float[]> unit = new ArrayList<>();
    try (ZooModel<Image, float[]> model = criteria.loadModel();
        Predictor<Image, float[]> predictor = model.newPredictor()) {
      for (float[] e : predictor.batchPredict(images)) {
        double norm = Math.sqrt(dot(e, e));
        for (int k = 0; k < e.length; k++) {
          e[k] /= (float) norm;
        }
        unit.add(e);
      }
    }
    for (int i = 0; i < files.size(); i++) {
      int best = i == 0 ? 1 : 0;
      for (int j = 0; j < files.size(); j++) {
        best =
            j != i && dot(unit.get(i), unit.get(j)) > dot(unit.get(i), unit.get(best)) ? j : best;
      }
      System.out.printf(
          "%s -> %s (%.4f)%n",
          files.get(i).getFileName(),
          files.get(best).getFileName(),
          dot(unit.get(i), unit.get(best)));
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
