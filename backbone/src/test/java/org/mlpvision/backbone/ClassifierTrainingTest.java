package org.mlpvision.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpvision.core.config.ConfigLoader;

/** A narrow classifier of each family trains under a DJL Trainer with drop path on. */
class ClassifierTrainingTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\": \"hire_mlp\", \"depths\": [1, 1, 2, 1], \"embed_dims\": [16, 32, 48, 64],"
            + " \"drop_path\": 0.1, \"num_classes\": 3}",
        "{\"type\": \"as_mlp\", \"embed_dim\": 16, \"depths\": [1, 1, 2, 1], \"drop_path\": 0.1,"
            + " \"num_classes\": 3}"
      })
  void narrowClassifierFitsAFixedBatch(String json) throws Exception {
    JsonNode node = ConfigLoader.mapper().readTree(json);
    Classifier net = Backbones.standard().fromJson(node, "test", "").classifier();
    assertThat(net.numClasses()).isEqualTo(3);
    try (Model model = Model.newInstance("cls")) {
      model.setBlock(net);
      DefaultTrainingConfig cfg =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(2e-3f)).build());
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(new Shape(6, 3, 32, 32));
        NDManager m = trainer.getManager();
        NDArray x = m.randomNormal(0, 1, new Shape(6, 3, 32, 32), DataType.FLOAT32);
        NDArray y = m.create(new float[] {0, 1, 2, 0, 1, 2});
        // Make the classes separable: shift the mean of each class's images.
        x = x.add(y.reshape(6, 1, 1, 1).mul(0.7f));
        float first = 0;
        float last = 0;
        for (int step = 0; step < 25; step++) {
          try (NDManager it = m.newSubManager()) {
            NDList in = new NDList(x.duplicate());
            in.attach(it);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray logits = trainer.forward(in).singletonOrThrow();
              assertThat(logits.getShape()).isEqualTo(new Shape(6, 3));
              NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
              gc.backward(loss);
              value = loss.getFloat();
            }
            trainer.step();
            if (step == 0) {
              first = value;
            }
            last = value;
          }
        }
        assertThat(last).isLessThan(first * 0.5f);
      }
    }
  }
}
