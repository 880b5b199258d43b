package io.grokking.trainer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch peers {@code shared/peer/torch_mlp.py} (the MLP's presets), and beside it {@code
 * torch_transformer.py} (the transformer's) and {@code torch_group.py} (embed-mlp's), run as a subprocess with one thread so that
 * its figures are taken on the same machine, in the same invocation, as ours. The script is found
 * through {@code GROK_PEER} (the script or its directory) or else at
 * {@code <repo>/../shared/peer/torch_mlp.py}; it runs under {@code /usr/bin/python3}, where
 * Debian's {@code python3-torch} installs torch.
 */
final class TorchPeer {
  static final String PYTHON = "/usr/bin/python3";
  static final String SCRIPT = "torch_mlp.py";
  static final String ENV = "GROK_PEER";
  private static final long TIMEOUT_MINUTES = 30;
  private static final String NUMBER_FIELD = "\"%s\"\\s*:\\s*(-?[0-9.eE+-]+|NaN)";

  private final Path script;

  private TorchPeer(Path script) {
    this.script = script;
  }

  /** The peer's figures for one preset, as its JSON line reports them. */
  record Figures(double msPerStep, double msMin, double msMax, int nTrain, String torchVersion) {}

  /** The peer if its script exists and torch imports; otherwise why not, in {@code whyNot}. */
  static Optional<TorchPeer> locate(Path repoRoot, String envValue, StringBuilder whyNot) {
    Path script;
    if (envValue != null && !envValue.isBlank()) {
      script = Path.of(envValue);
      if (Files.isDirectory(script)) {
        script = script.resolve(SCRIPT);
      }
    } else {
      script = repoRoot.toAbsolutePath().normalize().resolveSibling("shared").resolve("peer")
          .resolve(SCRIPT);
    }
    if (!Files.isRegularFile(script)) {
      whyNot.append("peer script not found at ").append(script);
      return Optional.empty();
    }
    if (!Files.isExecutable(Path.of(PYTHON))) {
      whyNot.append(PYTHON).append(" not found");
      return Optional.empty();
    }
    try {
      Process check = new ProcessBuilder(PYTHON, "-c", "import torch")
          .redirectErrorStream(true).start();
      check.getInputStream().readAllBytes();
      if (!check.waitFor(2, TimeUnit.MINUTES) || check.exitValue() != 0) {
        check.destroy();
        whyNot.append(PYTHON).append(" cannot import torch (apt-get install python3-torch"
            + " libopenblas0-pthread)");
        return Optional.empty();
      }
    } catch (IOException e) {
      whyNot.append("cannot run ").append(PYTHON).append(": ").append(e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      whyNot.append("interrupted");
      return Optional.empty();
    }
    return Optional.of(new TorchPeer(script));
  }

  Path script() {
    return script;
  }

  /**
   * Runs one preset with one thread and the same number of timed steps as ours, through the
   * script of its model family ({@code peerScript}, beside the MLP's).
   */
  Figures measure(String preset, String peerScript, int timedSteps)
      throws IOException, InterruptedException {
    Path peer = script.resolveSibling(peerScript);
    if (!Files.isRegularFile(peer)) {
      throw new IOException("peer script not found at " + peer);
    }
    ProcessBuilder pb = new ProcessBuilder(List.of(PYTHON, peer.toString(), "--preset", preset,
        "--threads", "1", "--steps", Integer.toString(timedSteps)));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("peer " + preset + " did not finish in " + TIMEOUT_MINUTES + " min");
    }
    if (process.exitValue() != 0) {
      throw new IOException("peer " + preset + " exited with " + process.exitValue());
    }
    String json = stdout.lines().filter(l -> l.startsWith("{") && l.contains("ms_per_step"))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new IOException("peer " + preset + " printed no JSON line: " + stdout));
    return parse(json);
  }

  static Figures parse(String json) {
    Matcher torch = Pattern.compile("\"torch\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return new Figures(number(json, "ms_per_step"), number(json, "ms_min"),
        number(json, "ms_max"), (int) number(json, "n_train"), torch.find() ? torch.group(1) : "?");
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile(String.format(NUMBER_FIELD, Pattern.quote(field)))
        .matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException("peer JSON has no numeric \"" + field + "\": " + json);
    }
    return Double.parseDouble(m.group(1));
  }
}
