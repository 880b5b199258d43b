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
            new String[] {"analysis.phase-threshold", "found 1.2"}),
        arguments("unknown operation", GRID + "task.operation = pow\n",
            new String[] {"task.operation", "add, sub, mul, div, x2+y2", "found pow"}),
        arguments("non-commutative operation with the sum encoding",
            GRID + "task.operation = sub\n",
            new String[] {"task.operation", "sub is not commutative", "train.encoding = concat",
                "found train.encoding = sum"}),
        arguments("non-commutative operation on an axis with the sum encoding",
            GRID + "sweep.axes { task.operation = [add, \"x3+xy\"] }\n",
            new String[] {"task.operation", "x3+xy is not commutative"}),
        arguments("div with a composite modulus",
            "sweep.moduli = [7, 9]\ntask.operation = div\ntrain.encoding = concat\n",
            new String[] {"task.operation", "prime modulus", "found p = 9"}),
        arguments("label noise 1", GRID + "task.label-noise = 1\n",
            new String[] {"task.label-noise", "in [0, 1)", "found 1.0"}),
        arguments("label noise negative", GRID + "sweep.axes { task.label-noise = [0, -0.1] }\n",
            new String[] {"task.label-noise", "in [0, 1)", "found -0.1"}),
        arguments("axis on a speed setting", GRID + "sweep.axes { train.threads = [1, 2] }\n",
            new String[] {"sweep.axes.train.threads", "cannot be an axis",
                "sweepable keys: train.width"}),
        arguments("axis on an analysis setting",
            GRID + "sweep.axes { analysis.phase-gap = [10, 100] }\n",
            new String[] {"sweep.axes.analysis.phase-gap", "cannot be an axis"}),
        arguments("axis on an original axis", GRID + "sweep.axes { sweep.seeds = [1, 2] }\n",
            new String[] {"sweep.axes.sweep.seeds", "is an axis already"}),
        arguments("axis on an unknown key", GRID + "sweep.axes { train.widht = [1, 2] }\n",
            new String[] {"sweep.axes.train.widht", "did you mean train.width?"}),
        arguments("axis value of the wrong type", GRID + "sweep.axes { train.width = [64, wide] }\n",
            new String[] {"train.width", "must be an integer", "\"wide\"", "line 2"}),
        arguments("empty axis", GRID + "sweep.axes { train.width = [] }\n",
            new String[] {"sweep.axes.train.width", "at least one value", "found []"}),
        arguments("axes not an object", GRID + "sweep.axes = [1, 2]\n",
            new String[] {"sweep.axes", "must be an object", "[1,2]"}),
        arguments("malformed logspace, two arguments",
            GRID + "sweep.axes { train.learning-rate = logspace(1e-4, 1e-2) }\n",
            new String[] {"sweep.axes.train.learning-rate", "logspace(a, b, n)",
                "three arguments", "found logspace(1e-4, 1e-2)"}),
        arguments("malformed logspace, exponents",
            GRID + "sweep.axes { train.learning-rate = logspace(-4, -2, 3) }\n",
            new String[] {"sweep.axes.train.learning-rate", "not exponents",
                "found logspace(-4, -2, 3)"}),
        arguments("malformed linspace, n not an integer",
            GRID + "sweep.axes { train.init-scale = \"linspace(0.1, 1, many)\" }\n",
            new String[] {"sweep.axes.train.init-scale", "an integer n >= 2",
                "found linspace(0.1, 1, many)"}),
        arguments("grid over the limit through an axis",
            "sweep { moduli = [7, 11], train-fractions = [0.3, 0.5, 0.7],"
                + " seeds = [0, 1, 2, 3, 4],"
                + " axes { train.learning-rate = \"logspace(1e-4, 1e-1, 100)\" } }\n",
            new String[] {"sweep", "at most 2000 runs", "× 100 train.learning-rate", "= 3000"}),
        arguments("diagram axis the sweep does not vary",
            GRID + "analysis.x = train.learning-rate\n",
            new String[] {"analysis.x", "must name an axis of this sweep", "sweep.moduli",
                "found train.learning-rate"}),
        arguments("diagram axis on the seeds", GRID + "analysis.y = sweep.seeds\n",
            new String[] {"analysis.y", "must name an axis", "found sweep.seeds"}),
        arguments("diagram axes equal", GRID + "analysis { x = sweep.moduli, y = sweep.moduli }\n",
            new String[] {"analysis.y", "must differ from analysis.x", "sweep.moduli"}),
        arguments("unknown phase rule", GRID + "analysis.phase-rule = relative\n",
            new String[] {"analysis.phase-rule", "gap, ratio", "found relative"}),
        arguments("phase ratio 1", GRID + "analysis.phase-ratio = 1\n",
            new String[] {"analysis.phase-ratio", "> 1", "found 1.0"}),
        arguments("loss milestone 0", GRID + "analysis.loss-milestones = [1.0, 0]\n",
            new String[] {"analysis.loss-milestones", "> 0", "found 0.0"}));
  }
}
