package io.grokking.trainer.config;

import java.io.Serializable;
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
  public static final String OPTIMIZER_KEY = "train.optimizer";
  public static final String MOMENTUM_KEY = "train.momentum";
  public static final String DECAY_TOWARD_KEY = "train.weight-decay-toward";
  public static final String FILTER_KEY = "train.grad-filter";
  public static final String ALPHA_KEY = "train.grokfast-alpha";
  public static final String LAMBDA_KEY = "train.grokfast-lambda";
  public static final String WINDOW_KEY = "train.grokfast-window";
  public static final double DEFAULT_MOMENTUM = 0.0;
  public static final double DEFAULT_ALPHA = 0.98;
  public static final double DEFAULT_EMA_LAMBDA = 2.0;
  public static final double DEFAULT_MA_LAMBDA = 5.0;
  public static final int DEFAULT_WINDOW = 100;

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
      throw new ConfigException(key, "must be one of adamw, adam, sgd, found " + value);
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
      throw new ConfigException(key, "must be one of zero, init, found " + value);
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
      throw new ConfigException(key, "must be one of none, grokfast-ema, grokfast-ma,"
          + " orthogonal, found " + value);
    }
  }

  public OptimizerConfig {
    ConfigException.check(optimizer != null, OPTIMIZER_KEY, "one of adamw, adam, sgd", optimizer);
    ConfigException.check(momentum >= 0 && momentum < 1, MOMENTUM_KEY, "in [0, 1)", momentum);
    ConfigException.check(weightDecayToward != null, DECAY_TOWARD_KEY, "one of zero, init",
        weightDecayToward);
    ConfigException.check(gradFilter != null, FILTER_KEY,
        "one of none, grokfast-ema, grokfast-ma, orthogonal", gradFilter);
    ConfigException.check(grokfastAlpha >= 0 && grokfastAlpha < 1, ALPHA_KEY, "in [0, 1)",
        grokfastAlpha);
    ConfigException.check(Double.isNaN(grokfastLambda)
        || (grokfastLambda >= 0 && Double.isFinite(grokfastLambda)), LAMBDA_KEY,
        "a number >= 0", grokfastLambda);
    ConfigException.check(grokfastWindow > 0, WINDOW_KEY, "an integer > 0", grokfastWindow);
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
