package org.mlpvision.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.TestOptions;
import org.mlpvision.spark.cli.SparkMain;
import org.mlpvision.spark.data.ImageRecord;
import org.mlpvision.spark.data.InputSet;
import org.mlpvision.spark.data.Inputs;
import org.mlpvision.spark.exec.ExecutorModels;
import org.mlpvision.spark.testing.FlakyFileSystem;
import org.mlpvision.spark.testing.PseudoGroundTruth;
import org.mlpvision.spark.testing.SharedSpark;
import org.mlpvision.zoo.testing.TinyModels;
import picocli.CommandLine;

/**
 * Detection on the shared {@code local[2,2]} context with the tiny Cascade Mask R-CNN exported from
 * its checkpoint, against {@code vision test} on that checkpoint (ground truth made of some of its
 * own detections, so that AP is neither 0 nor 1): the same box and mask AP bit for bit and the same
 * COCO results file byte for byte, also when a task fails once and is retried; corrupt images
 * skipped by name; the model loaded once per JVM.
 */
class SparkDetectionTest {
  @TempDir static Path dir;

  static TinyModels tiny;
  static Map<String, Double> tested;
  static Path testedResults;
  static InputSet coco;

  @BeforeAll
  static void exportAndTest() throws Exception {
    tiny = TinyModels.detection(dir);
    testedResults = dir.resolve("test-results.json");
    Path root = tiny.workDir().resolve("coco-shapes");
    Path annotations = root.resolve("annotations/instances_val2017.json");
    test(); // generates the data set and predicts it
    PseudoGroundTruth.write(annotations, testedResults);
    tested = test();
    assertThat(tested.get("bbox_AP")).isStrictlyBetween(0.0, 1.0);
    assertThat(tested.get("segm_AP")).isStrictlyBetween(0.0, 1.0);
    coco = Inputs.resolve(annotations.toString(), root.resolve("val2017").toString());
  }

  /** {@code vision test} of the tiny checkpoint, writing {@link #testedResults}. */
  private static Map<String, Double> test() throws Exception {
    return new LinkedHashMap<>(
        Tasks.runner(Tasks.injector(ConfigSource.load(tiny.recipe())))
            .test(TestOptions.of(tiny.checkpoint(), "cpu").withResults(testedResults)));
  }

  private static JobReport run(InputSet inputs, boolean evaluate, Path out, int partitions) {
    return run(tiny.model().path(), inputs, evaluate, out, partitions);
  }

  private static JobReport run(
      Path model, InputSet inputs, boolean evaluate, Path out, int partitions) {
    return SparkInference.run(
        SharedSpark.context(),
        new InferenceJob(
            model.toString(),
            inputs,
            null,
            evaluate,
            out == null ? null : out.toString(),
            partitions,
            1,
            "auto"),
        line -> {});
  }

  @Test
  void sparkTestGivesTheMetricsAndResultsFileOfVisionTestBitForBit() throws IOException {
    Path out = dir.resolve("spark-test");
    JobReport report = run(coco, true, out, 3);
    assertThat(report.partitions()).isEqualTo(3);
    assertThat(report.predicted()).isEqualTo(coco.images().size());
    assertThat(report.metrics()).containsKeys("bbox_AP", "segm_AP", "images");
    assertThat(report.metrics()).isEqualTo(tested);
    assertThat(entries(testedResults)).hasSizeGreaterThan(10);
    assertThat(Files.readAllBytes(out.resolve(SparkInference.RESULTS)))
        .isEqualTo(Files.readAllBytes(testedResults));
    assertThat(out.resolve("_temporary")).doesNotExist();
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheResultsEqualAnUndisturbedRun() throws IOException {
    // One partition: the first attempt predicts image 0, then fails reading image 1.
    List<ImageRecord> flaky =
        coco.images().stream()
            .map(
                r ->
                    new ImageRecord(
                        r.id(), r.cocoId(), FlakyFileSystem.uri(Path.of(r.path())), null))
            .toList();
    FlakyFileSystem.failOnce(Path.of(coco.images().get(1).path()));
    int failures = FlakyFileSystem.failures();
    Path out = dir.resolve("spark-retried");
    JobReport report =
        run(new InputSet(InputSet.Kind.COCO, coco.annotations(), flaky), true, out, 1);
    assertThat(FlakyFileSystem.failures()).isEqualTo(failures + 1);
    assertThat(report.predicted()).isEqualTo(coco.images().size());
    assertThat(report.metrics()).isEqualTo(tested);
    assertThat(entries(out.resolve(SparkInference.RESULTS))).isEqualTo(entries(testedResults));
    assertThat(Files.readAllBytes(out.resolve(SparkInference.RESULTS)))
        .isEqualTo(Files.readAllBytes(testedResults));
  }

  @Test
  void aCorruptImageIsCountedNamedAndSkipped() throws IOException {
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder);
    for (ImageRecord r : coco.images()) {
      Path src = Path.of(r.path());
      Files.copy(src, folder.resolve(src.getFileName()));
    }
    ImageRecord bad = coco.images().get(0);
    Path corrupt = folder.resolve(Path.of(bad.path()).getFileName());
    Files.writeString(corrupt, "not an image");
    Path out = dir.resolve("spark-infer");
    JobReport report = run(Inputs.resolve(folder.toString(), null), false, out, 2);
    assertThat(report.skipped()).hasSize(1);
    assertThat(report.skipped().get(0)).contains(corrupt.toString());
    assertThat(report.predicted()).isEqualTo(coco.images().size() - 1);
    assertThat(report.metrics()).isEmpty();
    // The folder's numeric file names are the COCO ids: the others' detections are vision test's.
    List<JsonNode> expected =
        entries(testedResults).stream()
            .filter(n -> n.get("image_id").asLong() != bad.cocoId())
            .toList();
    assertThat(entries(out.resolve(SparkInference.RESULTS))).isEqualTo(expected);
    JsonNode images = ConfigLoader.readTree(out.resolve(SparkInference.IMAGES));
    assertThat(images).hasSize(coco.images().size() - 1);
    assertThat(images.get(0).get("file_name").asText())
        .isEqualTo(Path.of(coco.images().get(1).path()).getFileName().toString());
  }

  @Test
  void theModelIsLoadedOncePerJvmNotPerPartitionOrImage() throws IOException {
    Path copy = dir.resolve("model-copy");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(tiny.model().path())) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    int loads = ExecutorModels.loads();
    JobReport report = run(copy, coco, false, null, 3);
    assertThat(report.partitions()).isEqualTo(3);
    assertThat(ExecutorModels.loads()).isEqualTo(loads + 1);
    run(copy, coco, false, null, 2);
    assertThat(ExecutorModels.loads()).isEqualTo(loads + 1);
  }

  @Test
  void theSparkTestCommandWritesTheMetricsJsonOfVisionTest() throws IOException {
    SharedSpark.context(); // the command reuses the running context
    Path json = dir.resolve("command-metrics.json");
    int rc =
        new CommandLine(new SparkMain())
            .execute(
                "test",
                "--model",
                tiny.model().path().toString(),
                "--data",
                coco.annotations(),
                "--images",
                Path.of(coco.images().get(0).path()).getParent().toString(),
                "--master",
                "local[2]",
                "--partitions",
                "2",
                "--json",
                json.toString());
    assertThat(rc).isZero();
    Map<String, Double> metrics =
        ConfigLoader.mapper().readValue(json.toFile(), new TypeReference<Map<String, Double>>() {});
    assertThat(metrics).isEqualTo(tested);
  }

  private static List<JsonNode> entries(Path results) {
    List<JsonNode> out = new ArrayList<>();
    ConfigLoader.readTree(results).forEach(out::add);
    return out;
  }
}
