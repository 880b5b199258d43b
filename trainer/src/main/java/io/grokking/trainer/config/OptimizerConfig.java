package io.grokking.trainer.config;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the gradient becomes an update: the optimizer, what weight decay pulls toward, and the
 * gradient filter applied between the backward pass and the optimizer step.
 *
 * @param optimizer adamw (torch.optim.AdamW), adam (torch.optim.Adam, weight decay as a coupled L2
 *     term added to the gradient) or sgd (torch.optim.SGD) (train.optimizer)
 * @param momentum SGD's momentum, in [0, 1) (train.momentum)
 * @param weightDecayToward zero, or init: decay toward the initial weights (Power et al. 2022)
 *     (train.weight-decay-toward)
 * @param gradFilter none, grokfast-ema, grokfast-ma (Lee et al. 2024) or orthogonal (⊥Grad,
 *     Prieto et al. 2025) (train.grad-filter)
 * @param grokfastAlpha the EMA filter's α, in [0, 1) (train.grokfast-alpha)
 * @param grokfastLambda the amplification λ of either Grokfast filter, ≥ 0; NaN means the filter's
 *     default, 2 for the EMA and 5 for the moving average (train.grokfast-lambda)
 * @param grokfastWindow the moving-average filter's window w, > 0 (train.grokfast-window)
 */
public record OptimizerConfig(Kind optimizer, double momentum, DecayToward weightDecayToward,
    Filter gradFilter, double grokfastAlpha, double grokfastLambda, int grokfastWindow)
    implements Serializable {
  public static final double DEFAULT_MOMENTUM = 0.0;
  public static final double DEFAULT_ALPHA = 0.98;
  public static final double DEFAULT_EMA_LAMBDA = 2.0;
  public static final double DEFAULT_MA_LAMBDA = 5.0;
  public static final int DEFAULT_WINDOW = 100;
  /** train.grokfast-lambda's default word: the filter's own λ. */
  public static final String LAMBDA_DEFAULT = "default";

  public static final Setting OPTIMIZER = Setting.key("train.optimizer").word("adamw")
      .allowed("one of adamw, adam, sgd")
      .doc("torch.optim.AdamW (decoupled decay), Adam or SGD (weight decay as a coupled L2 term)")
      .run("opt", "optimizer").absent("adamw").build();
  public static final Setting MOMENTUM = Setting.key("train.momentum").number(DEFAULT_MOMENTUM)
      .allowed("in [0, 1)").doc("SGD's momentum; refused when no run uses sgd")
      .run("mom", "momentum").absent(String.valueOf(DEFAULT_MOMENTUM)).refinable().build();
  public static final Setting DECAY_TOWARD = Setting.key("train.weight-decay-toward")
      .word("zero").allowed("one of zero, init")
      .doc("decay toward 0, or toward the initial weights (Power et al. 2022)")
      .run("wdto", "weight_decay_toward").absent("zero").build();
  public static final Setting FILTER = Setting.key("train.grad-filter").word("none")
      .allowed("one of none, grokfast-ema, grokfast-ma, orthogonal")
      .doc("gradient filter between backward and the optimizer: Grokfast (Lee et al. 2024) or"
          + " ⊥Grad (Prieto et al. 2025)").run("filter", "grad_filter").absent("none").build();
  public static final Setting ALPHA = Setting.key("train.grokfast-alpha").number(DEFAULT_ALPHA)
      .allowed("in [0, 1)").doc("the Grokfast EMA's α; refused when no run uses it")
      .run("galpha", "grokfast_alpha").refinable().build();
  public static final Setting LAMBDA = Setting.key("train.grokfast-lambda")
      .numberOr(LAMBDA_DEFAULT).shown("default (2 for the EMA, 5 for the average)")
      .allowed("a number >= 0").doc("either Grokfast filter's amplification λ")
      .run("glambda", "grokfast_lambda").refinable().build();
  public static final Setting WINDOW = Setting.key("train.grokfast-window")
      .integer(DEFAULT_WINDOW).allowed("an integer > 0")
      .doc("the Grokfast moving average's window w; refused when no run uses it")
      .run("gwindow", "grokfast_window").build();
  public static final String OPTIMIZER_KEY = OPTIMIZER.key();
  public static final String MOMENTUM_KEY = MOMENTUM.key();
  public static final String DECAY_TOWARD_KEY = DECAY_TOWARD.key();
  public static final String FILTER_KEY = FILTER.key();
  public static final String ALPHA_KEY = ALPHA.key();
  public static final String LAMBDA_KEY = LAMBDA.key();
  public static final String WINDOW_KEY = WINDOW.key();

  /** This record's settings, in the order of a run's canonical configuration. */
  public static final List<Setting> SETTINGS = List.of(OPTIMIZER, MOMENTUM, DECAY_TOWARD, FILTER,
      ALPHA, LAMBDA, WINDOW);

  /** The optimizer. */
  public enum Kind {
    ADAMW, ADAM, SGD;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String key, String value) {
      for (Kind k : values()) {
        if (k.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw OPTIMIZER.rejected(value);
    }
  }

  /** What weight decay pulls the weights toward. */
  public enum DecayToward {
    ZERO, INIT;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static DecayToward parse(String key, String value) {
      for (DecayToward d : values()) {
        if (d.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return d;
        }
      }
      throw DECAY_TOWARD.rejected(value);
    }
  }

  /** The gradient filter. */
  public enum Filter {
    NONE("none"), GROKFAST_EMA("grokfast-ema"), GROKFAST_MA("grokfast-ma"),
    ORTHOGONAL("orthogonal");

    private final String key;

    Filter(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Filter parse(String key, String value) {
      for (Filter f : values()) {
        if (f.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw FILTER.rejected(value);
    }
  }

  public OptimizerConfig {
    OPTIMIZER.check(optimizer != null, optimizer);
    MOMENTUM.check(momentum >= 0 && momentum < 1, momentum);
    DECAY_TOWARD.check(weightDecayToward != null, weightDecayToward);
    FILTER.check(gradFilter != null, gradFilter);
    ALPHA.check(grokfastAlpha >= 0 && grokfastAlpha < 1, grokfastAlpha);
    LAMBDA.check(Double.isNaN(grokfastLambda)
        || (grokfastLambda >= 0 && Double.isFinite(grokfastLambda)), grokfastLambda);
    WINDOW.check(grokfastWindow > 0, grokfastWindow);
  }

  public static OptimizerConfig defaults() {
    return new OptimizerConfig(Kind.ADAMW, DEFAULT_MOMENTUM, DecayToward.ZERO, Filter.NONE,
        DEFAULT_ALPHA, Double.NaN, DEFAULT_WINDOW);
  }

  /** λ in force: the one set, else the filter's default. */
  public double lambda() {
    if (!Double.isNaN(grokfastLambda)) {
      return grokfastLambda;
    }
    return gradFilter == Filter.GROKFAST_MA ? DEFAULT_MA_LAMBDA : DEFAULT_EMA_LAMBDA;
  }

  /**
   * The pairs a run id gains: nothing for AdamW toward zero without a filter (every id written
   * before optimizers existed), else the optimizer, its momentum for SGD, the decay target and the
   * filter with the parameters it reads.
   */
  public String canonicalSuffix() {
    StringBuilder s = new StringBuilder();
    if (optimizer != Kind.ADAMW) {
      s.append(";opt=").append(optimizer.key());
    }
    if (optimizer == Kind.SGD && momentum != DEFAULT_MOMENTUM) {
      s.append(";mom=").append(momentum);
    }
    if (weightDecayToward != DecayToward.ZERO) {
      s.append(";wdto=").append(weightDecayToward.key());
    }
    switch (gradFilter) {
      case NONE -> { }
      case GROKFAST_EMA -> s.append(";filter=grokfast-ema;galpha=").append(grokfastAlpha)
          .append(";glambda=").append(lambda());
      case GROKFAST_MA -> s.append(";filter=grokfast-ma;gwindow=").append(grokfastWindow)
          .append(";glambda=").append(lambda());
      case ORTHOGONAL -> s.append(";filter=orthogonal");
    }
    return s.toString();
  }
}
