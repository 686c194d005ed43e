package org.mlpvision.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlpvision.backbone.Backbones;
import org.mlpvision.core.config.ConfigLoader;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;
import org.mlpvision.core.inject.Tasks;
import org.mlpvision.core.train.TaskRunner;

/**
 * Every config file shipped under {@code configs/} goes through the production wiring the command
 * line uses: a recipe (a file with a {@code task} key) gets its injector from every task module
 * found through {@code META-INF/services} and its runner, which binds the recipe strictly; a file
 * under {@code configs/backbones} binds as a backbone. Recipes added later are covered as they
 * appear.
 */
class ShippedRecipesTest {
  private static Path configs() {
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      if (Files.isDirectory(p.resolve("configs/backbones"))) {
        return p.resolve("configs");
      }
    }
    throw new IllegalStateException("no configs/ above " + System.getProperty("user.dir"));
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyShippedRecipeBuildsItsRunnerThroughTheProductionGraph() throws IOException {
    Path root = configs();
    List<String> recipes = new ArrayList<>();
    for (Path file : jsonFiles(root)) {
      JsonNode doc = ConfigLoader.readTree(file);
      if (doc.has("task")) {
        Injector injector = Tasks.injector(ConfigSource.load(file));
        assertThat(injector.getInstance(RuntimeConfig.class)).as(file.toString()).isNotNull();
        TaskRunner runner = Tasks.runner(injector);
        assertThat(runner).as(file.toString()).isNotNull();
        recipes.add(root.relativize(file).toString());
      } else {
        assertThat(root.relativize(file).startsWith("backbones"))
            .as(file + " is neither a recipe (no 'task' key) nor under configs/backbones")
            .isTrue();
        assertThat(Backbones.standard().load(file)).as(file.toString()).isNotNull();
      }
    }
    assertThat(recipes).contains("classification/hire_mlp_narrow_shapes.json");
  }

  @Test
  void everyDemoRecipeIsPackagedAndNamesARegisteredTask() throws IOException {
    for (String resource : DemoCommand.RECIPES) {
      try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(Tasks.runner(Tasks.injector(ConfigSource.of(resource, json))))
            .as(resource)
            .isNotNull();
      }
    }
  }

  @Test
  void theTaskModulesAreFoundThroughServiceLoader() {
    assertThat(Tasks.modules())
        .extracting(m -> m.getClass().getSimpleName())
        .contains("ClassificationModule");
  }
}
