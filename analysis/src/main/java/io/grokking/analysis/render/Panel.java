package io.grokking.analysis.render;

import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One panel of a report: a combination of values of the settings that are not a diagram axis,
 * each panel getting its own phase diagram, delay map and curves. Today's default, panels by
 * modulus, is the case of one part.
 *
 * @param parts the panel's settings and values, in {@link Settings#ALL} order; none for a sweep
 *              whose only varied settings are the axes (and modulus is one of them)
 */
public record Panel(List<Part> parts) {
  /** One setting of a panel and its value (normalised as on an {@link Axis}). */
  public record Part(Setting setting, String value) {
    /** {@code p = 97} for the modulus, {@code operation = sub}, {@code learning rate = 0.001}. */
    public String title() {
      boolean modulus = setting.key().equals(Settings.MODULI);
      return (modulus ? "p" : Axis.name(setting.key())) + " = "
          + new Axis(setting.key(), List.of(value)).label(value);
    }

    /** {@code p97} for the modulus, else {@code <column>-<value>}, unsafe characters as _. */
    public String slug() {
      String raw = setting.key().equals(Settings.MODULI) ? "p" + value
          : setting.column() + "-" + value;
      return raw.replaceAll("[^A-Za-z0-9.-]", "_");
    }
  }

  /** Orders panels by their parts' values, each in its axis order. */
  static final Comparator<Panel> ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.parts.size(), b.parts.size()); i++) {
      Part pa = a.parts.get(i);
      Part pb = b.parts.get(i);
      int c = Axis.order(pa.setting().key()).compare(pa.value(), pb.value());
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.parts.size(), b.parts.size());
  };

  public Panel {
    parts = List.copyOf(parts);
  }

  /** Its parts' titles joined by commas, e.g. {@code p = 97, operation = sub}; empty for none. */
  public String title() {
    return parts.stream().map(Part::title).collect(Collectors.joining(", "));
  }

  /** For file names and anchors: parts' slugs joined by _, e.g. {@code p97_operation-sub}. */
  public String slug() {
    return parts.isEmpty() ? "all"
        : parts.stream().map(Part::slug).collect(Collectors.joining("_"));
  }

  /** {@code ", " + title()}, or nothing when the panel has no part: for figure titles. */
  String titleSuffix() {
    return parts.isEmpty() ? "" : ", " + title();
  }

  /** The value of setting {@code key} in this panel, or null when it is not one of its parts. */
  public String value(String key) {
    return parts.stream().filter(p -> p.setting().key().equals(key)).map(Part::value)
        .findFirst().orElse(null);
  }

  /** The panel's modulus, or null when the modulus is not one of its parts. */
  public Integer modulus() {
    String p = value(Settings.MODULI);
    return p == null ? null : Integer.valueOf(p);
  }
}
