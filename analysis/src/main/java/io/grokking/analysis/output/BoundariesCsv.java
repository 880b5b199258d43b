package io.grokking.analysis.output;

import io.grokking.analysis.refine.RefinedMap;
import io.grokking.analysis.render.Panel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code report/boundaries.csv}: every straight piece of boundary between two phases of each
 * refined panel, as {@link RefinedMap#boundaries()} finds them, in the values of the diagram's
 * axes. A vertical piece runs at constant x ({@code x_from = x_to}) with {@code phase_low} on its
 * left; a horizontal one at constant y with {@code phase_low} below it. Ends lie half-way between
 * neighbouring points (geometric means on a log axis), where the cells meet.
 */
public final class BoundariesCsv {
  public static final String FILE_NAME = "boundaries.csv";
  static final String HEADER = "panel,x_setting,y_setting,orientation,x_from,x_to,y_from,y_to,"
      + "phase_low,phase_high";
  private static final MathContext DIGITS = new MathContext(6);

  private BoundariesCsv() {}

  /** The file over each refined panel's map, in the map's order. */
  public static byte[] render(String xKey, String yKey, Map<Panel, RefinedMap> panels) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    panels.forEach((panel, map) -> {
      for (RefinedMap.Segment s : map.boundaries()) {
        out.append(String.join(",", RunsCsv.quote(panel.title()), xKey, yKey,
            s.vertical() ? "vertical" : "horizontal",
            number(map.x().valueAt(s.x0())), number(map.x().valueAt(s.x1())),
            number(map.y().valueAt(s.y0())), number(map.y().valueAt(s.y1())),
            s.low().key(), s.high().key())).append('\n');
      }
    });
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String number(double v) {
    return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
  }
}
