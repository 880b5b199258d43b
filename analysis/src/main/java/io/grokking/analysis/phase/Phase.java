package io.grokking.analysis.phase;

import java.awt.Color;
import java.util.Locale;

/**
 * The learning phase of one run, after Liu et al. 2022, plus {@link #FAILED} for runs that
 * produced no metrics and {@link #NOT_APPLICABLE} for runs that have no test set to generalize to. Each phase has a fixed colour from the Okabe–Ito palette, which stays
 * distinguishable under the common forms of colour blindness, so a phase reads the same in every
 * figure of every sweep.
 */
public enum Phase {
  /** Generalizes at about the time it fits the training set. */
  COMPREHENSION(new Color(0x00, 0x9E, 0x73)),
  /** Generalizes long after it fits the training set. */
  GROKKING(new Color(0xE6, 0x9F, 0x00)),
  /** Fits the training set and never generalizes within its budget. */
  MEMORIZATION(new Color(0x56, 0xB4, 0xE9)),
  /** Neither fits nor generalizes within its budget. */
  CONFUSION(new Color(0xCC, 0x79, 0xA7)),
  /** The run threw and recorded no usable metrics. */
  FAILED(new Color(0x99, 0x99, 0x99)),
  /**
   * The run trained on every pair (training fraction 1), so there is no test accuracy and no
   * phase: stored as {@code n/a}, drawn light grey (lighter than failed) and labelled n/a in the
   * cell, under its own legend entry.
   */
  NOT_APPLICABLE(new Color(0xDD, 0xDD, 0xDD), "n/a");

  private final Color colour;
  private final String key;

  Phase(Color colour) {
    this.colour = colour;
    this.key = name().toLowerCase(Locale.ROOT);
  }

  Phase(Color colour, String key) {
    this.colour = colour;
    this.key = key;
  }

  /** The name stored in the {@code phase} column: the lowercase name, or {@code n/a}. */
  public String key() {
    return key;
  }

  public Color colour() {
    return colour;
  }

  /** The colour as {@code #rrggbb}, for CSS. */
  public String hexColour() {
    return String.format(Locale.ROOT, "#%06x", colour.getRGB() & 0xFFFFFF);
  }

  /** The phase whose {@link #key()} is {@code key}. */
  public static Phase fromKey(String key) {
    for (Phase phase : values()) {
      if (phase.key().equals(key)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("Unknown phase " + key);
  }
}
