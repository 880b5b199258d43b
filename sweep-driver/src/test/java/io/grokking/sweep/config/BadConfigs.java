package io.grokking.sweep.config;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every kind of configuration the loader must reject, shared by the loader and the CLI tests:
 * a name, the file text, then fragments the message must contain (the key and the value found).
 */
public final class BadConfigs {
  private BadConfigs() {}

  /** A valid small grid the cases below spoil one key at a time. */
  static final String GRID = "sweep { moduli = [7, 11], weight-decays = [1.0],"
      + " train-fractions = [0.5], seeds = [0] }\n";

  public static Stream<Arguments> cases() {
    return Stream.of(
        arguments("unknown key, with a suggestion", GRID + "train.widht = 64\n",
            new String[] {"train.widht", "did you mean train.width?", "line 2"}),
        arguments("unknown section", GRID + "trian { steps = 10 }\n",
            new String[] {"trian.steps", "did you mean train.steps?"}),
        arguments("wrong type", GRID + "train.width = wide\n",
            new String[] {"train.width", "must be an integer", "\"wide\""}),
        arguments("wrong type of list", "sweep.seeds = { a = 1 }\n",
            new String[] {"sweep.seeds", "must be a list", "{\"a\":1}"}),
        arguments("weight decay < 0", "sweep.weight-decays = [0.1, -0.5]\n",
            new String[] {"sweep.weight-decays", "found -0.5"}),
        arguments("train fraction 0", "sweep.train-fractions = [0]\n",
            new String[] {"sweep.train-fractions", "in (0, 1)", "found 0.0"}),
        arguments("train fraction 1", "sweep.train-fractions = [0.5, 1]\n",
            new String[] {"sweep.train-fractions", "in (0, 1)", "found 1.0"}),
        arguments("train fraction 1.5", "sweep.train-fractions = [1.5]\n",
            new String[] {"sweep.train-fractions: each value must be in (0, 1), found 1.5"}),
        arguments("modulus 2", "sweep.moduli = [2, 7]\n",
            new String[] {"sweep.moduli", ">= 3", "found 2"}),
        arguments("modulus not an integer", "sweep.moduli = [7.5]\n",
            new String[] {"sweep.moduli", "must be an integer", "found 7.5"}),
        arguments("width 0", GRID + "train.width = 0\n",
            new String[] {"train.width", "found 0"}),
        arguments("width negative", GRID + "train.width = -16\n",
            new String[] {"train.width", "an integer > 0", "found -16"}),
        arguments("steps 0", GRID + "train.steps = 0\n",
            new String[] {"train.steps", "found 0"}),
        arguments("steps negative", GRID + "train { steps = -5 }\n",
            new String[] {"train.steps", "an integer > 0", "found -5"}),
        arguments("steps not an integer", GRID + "train.steps = 10.5\n",
            new String[] {"train.steps", "must be an integer", "found 10.5"}),
        arguments("learning rate negative", GRID + "train.learning-rate = -1e-3\n",
            new String[] {"train.learning-rate", "a number > 0", "found -0.001"}),
        arguments("learning rate a word", GRID + "train.learning-rate = fast\n",
            new String[] {"train.learning-rate", "must be a number", "\"fast\""}),
        arguments("checkpoint interval negative", GRID + "train.checkpoint-every = -1\n",
            new String[] {"train.checkpoint-every", "an integer >= 0", "found -1"}),
        arguments("learning rate 0", GRID + "train.learning-rate = 0\n",
            new String[] {"train.learning-rate", "found 0.0"}),
        arguments("bad activation", GRID + "train.activation = tanh\n",
            new String[] {"train.activation", "relu, quad", "found tanh"}),
        arguments("empty grid", "sweep.seeds = []\n",
            new String[] {"sweep.seeds", "at least one value", "found []"}),
        arguments("empty moduli", "sweep.moduli = []\n",
            new String[] {"sweep.moduli", "at least one value", "found []"}),
        arguments("weight decay a word", "sweep.weight-decays = [0.1, lots]\n",
            new String[] {"sweep.weight-decays", "must be a number", "\"lots\""}),
        arguments("grid over the limit",
            "sweep { moduli = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31],"
                + " weight-decays = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],"
                + " train-fractions = [0.1, 0.2, 0.3, 0.4, 0.5],"
                + " seeds = [0, 1, 2, 3, 4] }\n",
            new String[] {"sweep", "at most 2000 runs", "sweep.allow-large-grid", "= 2500"}),
        arguments("malformed file", "sweep {\n  moduli = [7, 11\n  seeds = [0]\n",
            new String[] {"bad.conf", "line 3"}),
        arguments("malformed file, unclosed brace", GRID + "train {\n  width = 64\n",
            new String[] {"bad.conf", "line 4"}),
        arguments("bad phase threshold", GRID + "analysis.phase-threshold = 1.2\n",
            new String[] {"analysis.phase-threshold", "found 1.2"}));
  }
}
