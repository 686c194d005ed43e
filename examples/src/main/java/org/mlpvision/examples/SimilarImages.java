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
 * a folder, the most similar other image by cosine similarity.
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
    List<float[]> embeddings;
    try (ZooModel<Image, float[]> model = criteria.loadModel();
        Predictor<Image, float[]> predictor = model.newPredictor()) {
      embeddings = predictor.batchPredict(images);
    }
    for (int i = 0; i < files.size(); i++) {
      int best = -1;
      double bestSim = -2;
      for (int j = 0; j < files.size(); j++) {
        double sim = cosine(embeddings.get(i), embeddings.get(j));
        if (j != i && sim > bestSim) {
          best = j;
          bestSim = sim;
        }
      }
      System.out.printf(
          "%s -> %s (%.4f)%n",
          files.get(i).getFileName(), best < 0 ? "-" : files.get(best).getFileName(), bestSim);
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int k = 0; k < a.length; k++) {
      dot += a[k] * b[k];
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    return dot / Math.sqrt(na * nb);
  }
}
