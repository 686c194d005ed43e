package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} and {@code -h} on every command of the real tree, found by walking it, so a
 * command added later is covered without touching this test. Required options must not get in the
 * way: help is printed, exit code 0.
 */
class HelpOptionTest {
  /** Every command path below {@code vision}, e.g. {@code [bench, coco-eval]}, parents first. */
  private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
    List<List<String>> out = new ArrayList<>();
    out.add(prefix);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> path = new ArrayList<>(prefix);
              path.add(name);
              out.addAll(commandPaths(sub, path));
            });
    return out;
  }

  @Test
  void everyCommandPrintsItsUsageForHelpAndExitsZero() {
    List<List<String>> paths = commandPaths(VisionCommand.commandLine(), List.of());
    // The tree as shipped today, so a walk that finds nothing cannot pass.
    assertThat(paths)
        .contains(
            List.of("env"),
            List.of("backbone", "run"),
            List.of("eval", "seg"),
            List.of("bench", "coco-eval"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun r = CliRun.run(args.toArray(String[]::new));
      String usage = ("vision " + String.join(" ", path)).trim();
      assertThat(r.exitCode()).as(args + ": " + r.err()).isZero();
      assertThat(r.out()).as(args.toString()).startsWith("Usage: " + usage);
      assertThat(r.out()).as(args.toString()).contains("-h, --help");
    }
  }

  @Test
  void theShortFormWorksDespiteRequiredOptions() {
    CliRun r = CliRun.run("backbone", "run", "-h");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: vision backbone run");
  }

  @Test
  void versionOnASubcommandPrintsTheVersion() {
    CliRun r = CliRun.run("eval", "seg", "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("vision ");
  }
}
