package org.mlpvision.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mlpvision.core.device.DeviceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** Parsing of the shared option mixins, in-process through picocli (no engine is loaded). */
class CommonOptionsTest {
  /** A bare command carrying the mixins, as the real commands do. */
  @Command(name = "probe")
  static final class Probe {
    @Mixin DeviceOptions device;
    @Mixin ThreadOptions threads;
  }

  /** The COCO-eval flavour; its --threads is the host one, so it cannot share a command above. */
  @Command(name = "eval-probe")
  static final class EvalProbe {
    @Mixin EvalThreadOptions threads;
  }

  private static Probe parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p;
  }

  @Test
  void deviceParsesGpuIndex() {
    assertThat(parse("--device", "gpu:1").device.spec()).isEqualTo(new DeviceSpec("gpu", 1));
    assertThat(parse("--device=CPU").device.spec()).isEqualTo(new DeviceSpec("cpu", -1));
  }

  @Test
  void defaultsAreAutoAndEngineThreads() {
    Probe p = parse();
    assertThat(p.device.spec()).isEqualTo(DeviceSpec.AUTO);
    assertThat(p.threads.threads()).isZero();
  }

  @Test
  void badDeviceIsRejectedWhileParsingNamingTheValue() {
    assertThatThrownBy(() -> parse("--device", "tpu"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--device")
        .hasMessageContaining("'tpu'")
        .hasMessageContaining("auto, cpu or gpu:N");
  }

  @Test
  void threadsAreParsed() {
    assertThat(parse("--threads", "3").threads.threads()).isEqualTo(3);
  }

  @Test
  void evalThreadDefaultsStayOneTorchThreadAndAllCores() {
    EvalProbe p = new EvalProbe();
    CommandLine cl = new CommandLine(p);
    cl.parseArgs();
    assertThat(p.threads.torchThreads).isEqualTo(1);
    assertThat(p.threads.hostThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    cl.parseArgs("--threads", "5", "--torch-threads", "2");
    assertThat(p.threads.hostThreads()).isEqualTo(5);
    assertThat(p.threads.torchThreads).isEqualTo(2);
  }
}
