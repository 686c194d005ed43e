package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared options as the real command tree sees them: the flags and defaults are a public
 * interface, so moving them into mixins must leave each command's names and defaults as they were.
 */
class VisionCommandOptionsTest {
  private static OptionSpec option(String path, String name) {
    CommandLine cl = VisionCommand.commandLine();
    for (String part : path.split(" ")) {
      cl = cl.getSubcommands().get(part);
      assertThat(cl).as(path).isNotNull();
    }
    OptionSpec o = cl.getCommandSpec().findOption(name);
    assertThat(o).as(path + " " + name).isNotNull();
    return o;
  }

  @Test
  void deviceDefaultsToAutoEverywhere() {
    for (String cmd :
        new String[] {
          "backbone run", "bench backbone", "bench coco-eval", "eval coco", "eval seg"
        }) {
      assertThat(option(cmd, "--device").defaultValue()).as(cmd).isEqualTo("auto");
      assertThat(option(cmd, "--device").paramLabel()).as(cmd).isEqualTo("<device>");
    }
  }

  @Test
  void evalThreadDefaultsAreKept() {
    for (String cmd : new String[] {"bench coco-eval", "eval coco"}) {
      assertThat(option(cmd, "--torch-threads").defaultValue()).as(cmd).isEqualTo("1");
      assertThat(option(cmd, "--threads").description()[0]).contains("host worker threads");
    }
    assertThat(option("eval seg", "--torch-threads").defaultValue()).isEqualTo("1");
  }

  @Test
  void jsonSwitchesAndFilesKeepTheirTypes() {
    for (String cmd :
        new String[] {
          "env",
          "dataset info",
          "bench coco-eval",
          "bench coco-parse",
          "bench pipeline",
          "bench backbone",
          "backbone info"
        }) {
      assertThat(option(cmd, "--json").arity().max()).as(cmd).isZero();
    }
    for (String cmd : new String[] {"eval coco", "eval seg"}) {
      assertThat(option(cmd, "--json").arity().max()).as(cmd).isEqualTo(1);
    }
  }

  @Test
  void inputSizeKeepsItsDefault() {
    for (String cmd : new String[] {"backbone info", "bench backbone"}) {
      assertThat(option(cmd, "--input").defaultValue()).as(cmd).isEqualTo("224x224");
      assertThat(option(cmd, "--input").paramLabel()).as(cmd).isEqualTo("HxW");
    }
  }
}
