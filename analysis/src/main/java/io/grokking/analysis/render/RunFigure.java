package io.grokking.analysis.render;

import io.grokking.analysis.milestones.RunRecord;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.series.NeuronFrequencies;
import io.grokking.analysis.series.RunCurves;
import io.grokking.analysis.series.RunRepresentations;
import io.grokking.analysis.series.RunSpectrum;
import io.grokking.trainer.config.Families;
import io.grokking.trainer.config.ModelConfig;
import io.grokking.trainer.config.TaskConfig;
import java.awt.Color;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The mechanistic view of one run (He et al. 2026; Nanda et al. 2023) in four panels: (a) the
 * Fourier spectrum of W_in over training, frequency × step, each step's energy normalised to
 * shares; (b) how many neurons have each dominant frequency at init and at the end; (c) train and
 * test accuracy with the phase rule's milestones; (d) the IPR of the neurons' spectra and the
 * restricted and excluded losses. A run with a {@code representations} table (a group run) shows
 * in (a), instead of the Fourier spectrum, the unembedding's share per irreducible representation
 * over training (Chughtai, Chan &amp; Nanda 2023, Sec. 4–5), the key irreps of its last
 * evaluation in colour, the others in grey.
 */
public final class RunFigure {
  static {
    Headless.ensure();
  }

  private static final int PANEL_WIDTH = 520;
  private static final int PANEL_HEIGHT = 320;
  private static final Color INIT = new Color(0xAA, 0xAA, 0xAA);

  private RunFigure() {}

  /** File name of the figure of run {@code runId}: {@code run-<id>}, unsafe characters as _. */
  public static String name(String runId) {
    return "run-" + runId.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /**
   * @param curves   the run's thinned metrics, empty when it recorded none
   * @param spectrum its W_in spectrum (the MLP) or W_E spectrum (the transformer), null when not
   *     recorded
   * @param neurons  its neuron frequencies, null when not recorded
   * @param why      why the report shows this run, for the title
   */
  public static Images render(RunRecord run, RunCurves curves, RunSpectrum spectrum,
      NeuronFrequencies neurons, PhaseRule rule, String why) {
    return render(run, curves, spectrum, null, neurons, rule, why);
  }

  /**
   * @param representations its shares per irrep, null when it has none (every run but a group
   *     run's): panel (a) then shows the spectrum
   */
  public static Images render(RunRecord run, RunCurves curves, RunSpectrum spectrum,
      RunRepresentations representations, NeuronFrequencies neurons, PhaseRule rule,
      String why) {
    SmallMultiples figure = figure(run, curves, spectrum, representations, neurons, rule, why);
    return Images.render(name(run.runId()), figure, figure.size());
  }

  static SmallMultiples figure(RunRecord run, RunCurves curves, RunSpectrum spectrum,
      NeuronFrequencies neurons, PhaseRule rule, String why) {
    return figure(run, curves, spectrum, null, neurons, rule, why);
  }

  static SmallMultiples figure(RunRecord run, RunCurves curves, RunSpectrum spectrum,
      RunRepresentations representations, NeuronFrequencies neurons, PhaseRule rule,
      String why) {
    String family = run.setting(ModelConfig.FAMILY_KEY);
    JFreeChart first = representations == null || representations.isEmpty()
        ? spectrum(spectrum, Families.of(family).spectrumMatrix())
        : representations(representations);
    JFreeChart[][] panels = {
        {first, histogram(neurons)},
        {accuracy(run, curves, rule), fourier(curves)}};
    String shown = why.equals("representative of " + run.phase().key()) ? "representative" : why;
    // the task names itself: p = 97, or S4 (order 24)
    TaskConfig task = TaskConfig.of(run.settings());
    String title = String.format(Locale.ROOT, "Run %s%s: %s, weight decay %s, training"
            + " fraction %s, seed %d · %s (%s)", run.runId(),
        family.equals(ModelConfig.DEFAULT_FAMILY) ? "" : " (" + family + ")",
        task.spec().describe(task, run.modulus()),
        Labels.number(run.weightDecay()), Labels.number(run.trainFraction()), run.seed(),
        run.phase().key(), shown);
    String lottery = run.lotteryTicketHitRate() == null ? "lottery ticket not measured"
        : String.format(Locale.ROOT, "lottery ticket hit rate %.2f (chance %.2f)",
            run.lotteryTicketHitRate(),
            run.lotteryTicketChance() == null ? Double.NaN : run.lotteryTicketChance());
    // a task measured by irrep shows its key irreps; its Fourier key frequencies are no measure
    String keys = representations != null && !representations.isEmpty()
        ? " · key representations at the end: " + representations.finalKeys()
        : run.keyFrequencies() == null ? "" : " · key frequencies " + run.keyFrequencies();
    return new SmallMultiples(title, List.of(lottery + keys), null, List.of(), null, List.of(),
        panels, List.of(), PANEL_WIDTH, PANEL_HEIGHT);
  }

  /**
   * @param matrix what the spectrum is of: the MLP's W_in, or the transformer's embedding W_E
   *     (Nanda et al. 2023, Sec. 4)
   */
  private static JFreeChart spectrum(RunSpectrum spectrum, String matrix) {
    String title = "(a) " + matrix + " spectrum: share of energy per frequency";
    if (spectrum == null || spectrum.isEmpty()) {
      return empty(title, "no spectra recorded for this run");
    }
    int[] steps = spectrum.steps();
    int frequencies = spectrum.maxFrequency() + 1;
    double[][] series = new double[3][steps.length * frequencies];
    double maxShare = 0;
    for (int i = 0; i < steps.length; i++) {
      for (int k = 0; k < frequencies; k++) {
        int n = i * frequencies + k;
        series[0][n] = steps[i];
        series[1][n] = k;
        series[2][n] = spectrum.share(i, k);
        maxShare = Math.max(maxShare, series[2][n]);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("energy", series);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(typicalGap(steps));
    renderer.setBlockHeight(1);
    ShareScale scale = new ShareScale(maxShare > 0 ? maxShare : 1);
    renderer.setPaintScale(scale);
    NumberAxis x = Charts.valueAxis("step", steps[0] - typicalGap(steps) / 2.0,
        steps[steps.length - 1] + typicalGap(steps) / 2.0);
    NumberAxis y = Charts.valueAxis("frequency k", -0.5, frequencies - 0.5);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = Charts.panel(title, plot);
    NumberAxis shareAxis = new NumberAxis("share");
    shareAxis.setRange(0, scale.getUpperBound());
    Charts.style(shareAxis);
    PaintScaleLegend legend = new PaintScaleLegend(scale, shareAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(10);
    legend.setAxisOffset(3);
    legend.setMargin(new RectangleInsets(8, 4, 8, 0));
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /** The unembedding's share per irrep over training, key irreps (at the end) in colour. */
  private static JFreeChart representations(RunRepresentations reps) {
    String title = "(a) unembedding: share per irrep (key in colour)";
    int[] steps = reps.steps();
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = Charts.lines();
    int colour = 0;
    for (int r = 0; r < reps.irreps().size(); r++) {
      boolean key = reps.keyAtEnd(r);
      XYSeries line = new XYSeries(reps.irreps().get(r) + (key ? " (key)" : ""), false, true);
      for (int i = 0; i < steps.length; i++) {
        double share = reps.shareUnembed(i, r);
        if (Double.isFinite(share)) {
          line.add(steps[i], share);
        }
      }
      int series = data.getSeriesCount();
      data.addSeries(line);
      renderer.setSeriesPaint(series, key ? Charts.CATEGORY[colour++ % Charts.CATEGORY.length]
          : Charts.THRESHOLD);
      renderer.setSeriesStroke(series, key ? Charts.SOLID : Charts.THIN_DASHED);
    }
    double last = steps.length == 0 ? 1 : Math.max(1, steps[steps.length - 1]);
    XYPlot plot = Charts.plain(new XYPlot(data, Charts.valueAxis("step", 0, last),
        Charts.valueAxis("share of ‖W_U‖²", 0, 1.02), renderer));
    plot.setNoDataMessage("no shares recorded");
    return withLegend(Charts.panel(title, plot));
  }

  private static JFreeChart histogram(NeuronFrequencies neurons) {
    String title = "(b) neurons per dominant frequency";
    if (neurons == null) {
      return empty(title, "no neurons recorded for this run");
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    int[] initial = neurons.initial();
    int[] last = neurons.last();
    for (int k = 1; k <= neurons.maxFrequency(); k++) {
      data.addValue(k < initial.length ? initial[k] : 0, "at init", Integer.toString(k));
      data.addValue(k < last.length ? last[k] : 0, "at the end", Integer.toString(k));
    }
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.02);
    renderer.setSeriesPaint(0, INIT);
    renderer.setSeriesPaint(1, Charts.TRAIN);
    CategoryAxis k = new CategoryAxis("frequency k");
    Charts.style(k);
    NumberAxis count = new NumberAxis("neurons");
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    Charts.style(count);
    CategoryPlot plot = new CategoryPlot(data, k, count, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    return withLegend(Charts.panel(title, plot));
  }

  private static JFreeChart accuracy(RunRecord run, RunCurves curves, PhaseRule rule) {
    String title = "(c) accuracy";
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(Charts.xy("train", curves.trainAcc(), false));
    data.addSeries(Charts.xy("test", curves.testAcc(), false));
    XYLineAndShapeRenderer renderer = Charts.lines();
    renderer.setSeriesPaint(0, Charts.TRAIN);
    renderer.setSeriesStroke(0, Charts.SOLID);
    renderer.setSeriesPaint(1, Charts.TEST);
    renderer.setSeriesStroke(1, Charts.DASHED);
    XYPlot plot = Charts.plain(new XYPlot(data,
        Charts.stepAxis("step (log scale)", Math.max(10, curves.lastStep())),
        Charts.valueAxis("accuracy", 0, 1.02), renderer));
    plot.setNoDataMessage("no metrics recorded");
    plot.addRangeMarker(Charts.threshold(rule.threshold()));
    milestone(plot, run.tTrainPhase(), "t_train", Charts.TRAIN);
    milestone(plot, run.tTestPhase(), "t_test", Charts.TEST);
    return withLegend(Charts.panel(title, plot));
  }

  private static void milestone(XYPlot plot, Integer step, String label, Paint paint) {
    if (step == null || step <= 0) {
      return;
    }
    ValueMarker marker = new ValueMarker(step, paint, Charts.THIN_DASHED);
    marker.setLabel(label + " " + step);
    marker.setLabelFont(Charts.TICK_FONT);
    marker.setLabelPaint(paint);
    marker.setLabelAnchor(label.equals("t_train") ? RectangleAnchor.BOTTOM_RIGHT
        : RectangleAnchor.BOTTOM_LEFT);
    marker.setLabelTextAnchor(label.equals("t_train") ? TextAnchor.BOTTOM_LEFT
        : TextAnchor.BOTTOM_RIGHT);
    plot.addDomainMarker(marker);
  }

  private static JFreeChart fourier(RunCurves curves) {
    String title = "(d) IPR, restricted / excluded and train / test loss";
    XYSeriesCollection ipr = new XYSeriesCollection();
    ipr.addSeries(Charts.xy("IPR", curves.ipr(), false));
    XYLineAndShapeRenderer iprRenderer = Charts.lines();
    iprRenderer.setSeriesPaint(0, Charts.IPR);
    iprRenderer.setSeriesStroke(0, Charts.SOLID);
    XYPlot plot = Charts.plain(new XYPlot(ipr,
        Charts.stepAxis("step (log scale)", Math.max(10, curves.lastStep())),
        Charts.valueAxis("IPR", 0, 1.02), iprRenderer));
    plot.setNoDataMessage("no Fourier measures recorded");

    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(Charts.xy("restricted loss", curves.restrictedLoss(), true));
    losses.addSeries(Charts.xy("excluded loss", curves.excludedLoss(), true));
    // read against the training and test loss, as Nanda et al. 2023 draw them (fig. 7)
    losses.addSeries(Charts.xy("train loss", curves.trainLoss(), true));
    losses.addSeries(Charts.xy("test loss", curves.testLoss(), true));
    if (losses.getSeries(0).getItemCount() + losses.getSeries(1).getItemCount() > 0) {
      LogAxis lossAxis = new LogAxis("loss (log scale)");
      lossAxis.setNumberFormatOverride(new DecimalFormat("0.#E0",
          DecimalFormatSymbols.getInstance(Locale.ROOT)));
      lossAxis.setSmallestValue(1e-12);
      lossAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
      Charts.style(lossAxis);
      XYLineAndShapeRenderer lossRenderer = Charts.lines();
      lossRenderer.setSeriesPaint(0, Charts.TRAIN);
      lossRenderer.setSeriesStroke(0, Charts.SOLID);
      lossRenderer.setSeriesPaint(1, Charts.TEST);
      lossRenderer.setSeriesStroke(1, Charts.DASHED);
      lossRenderer.setSeriesPaint(2, Charts.THRESHOLD);
      lossRenderer.setSeriesStroke(2, Charts.SOLID);
      lossRenderer.setSeriesPaint(3, Charts.THRESHOLD);
      lossRenderer.setSeriesStroke(3, Charts.DASHED);
      plot.setRangeAxis(1, lossAxis);
      plot.setDataset(1, losses);
      plot.setRenderer(1, lossRenderer);
      plot.mapDatasetToRangeAxis(1, 1);
    }
    return withLegend(Charts.panel(title, plot));
  }

  private static JFreeChart empty(String title, String message) {
    XYPlot plot = Charts.plain(new XYPlot(new XYSeriesCollection(),
        Charts.valueAxis(null, 0, 1), Charts.valueAxis(null, 0, 1),
        new XYLineAndShapeRenderer()));
    plot.setNoDataMessage(message);
    plot.getDomainAxis().setVisible(false);
    plot.getRangeAxis().setVisible(false);
    return Charts.panel(title, plot);
  }

  private static JFreeChart withLegend(JFreeChart chart) {
    LegendTitle legend = new LegendTitle(chart.getPlot());
    legend.setItemFont(Charts.TICK_FONT);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /** The median gap between consecutive steps, the width of a heat-map column. */
  private static int typicalGap(int[] steps) {
    if (steps.length < 2) {
      return 1;
    }
    int[] gaps = new int[steps.length - 1];
    for (int i = 1; i < steps.length; i++) {
      gaps[i - 1] = steps[i] - steps[i - 1];
    }
    java.util.Arrays.sort(gaps);
    return Math.max(1, gaps[gaps.length / 2]);
  }

  /** Viridis from share 0 to the largest share of the run. */
  private record ShareScale(double upper) implements PaintScale {
    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      return DelayScale.gradient(DelayScale.STOPS, value / upper);
    }
  }
}
