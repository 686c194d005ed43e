package org.mlpvision.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of the real {@code vision} command tree, as tests see it: the exit code, what
 * went to standard output (the commands' reports on System.out and picocli's usage help), and what
 * went to picocli's error writer (errors and warnings).
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err error output
 */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@code args} on a fresh command tree. */
  public static CliRun run(String... args) {
    // System.out first: picocli's writers are tied to the System stream they were set up with.
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = VisionCommand.commandLine();
      StringWriter help = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(help, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new CliRun(code, help + out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(old);
    }
  }

  /** {@code vision infer --model M --input I --out O --device cpu}, then {@code more}. */
  public static CliRun infer(Path model, Path input, Path out, String... more) {
    return run(
        List.of(
            "infer",
            "--model",
            model.toString(),
            "--input",
            input.toString(),
            "--out",
            out.toString(),
            "--device",
            "cpu"),
        more);
  }

  /** {@code vision test --config RECIPE --checkpoint CKPT --device cpu}, then {@code more}. */
  public static CliRun test(Path recipe, Path checkpoint, String... more) {
    return run(
        List.of(
            "test",
            "--config",
            recipe.toString(),
            "--checkpoint",
            checkpoint.toString(),
            "--device",
            "cpu"),
        more);
  }

  private static CliRun run(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return run(all.toArray(String[]::new));
  }
}
