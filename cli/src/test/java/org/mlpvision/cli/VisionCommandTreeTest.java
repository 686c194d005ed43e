package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree built for a command line: only the named branch, or everything. */
class VisionCommandTreeTest {
  @Test
  void aNamedCommandGetsOnlyItsBranch() {
    CommandLine cl = VisionCommand.commandLine("eval", "coco", "--gt", "a.json");
    assertThat(cl.getSubcommands()).containsOnlyKeys("eval");
    assertThat(cl.getSubcommands().get("eval").getSubcommands()).containsOnlyKeys("coco");
    assertThat(VisionCommand.commandLine("train", "--config", "x").getSubcommands())
        .containsOnlyKeys("train");
  }

  @Test
  void anythingElseGetsTheWholeTree() {
    int all = VisionCommand.commandLine().getSubcommands().size();
    assertThat(VisionCommand.commandLine("--help").getSubcommands()).hasSize(all);
    assertThat(VisionCommand.commandLine("evaluate").getSubcommands()).hasSize(all);
    // a group named with an unknown or missing subcommand keeps all of its commands
    CommandLine eval = VisionCommand.commandLine("eval", "cocoo").getSubcommands().get("eval");
    assertThat(eval.getSubcommands()).containsKeys("coco", "seg");
    assertThat(VisionCommand.commandLine("eval").getSubcommands().get("eval").getSubcommands())
        .containsKeys("coco", "seg");
  }
}
