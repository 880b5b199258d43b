package io.grokking.analysis.milestones;

import io.grokking.analysis.phase.Phase;
import io.grokking.trainer.config.Setting;
import io.grokking.trainer.config.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One committed run after analysis: its grid coordinates and outcome from {@code DIR/results},
 * its milestones from {@code DIR/metrics} and its phase. A milestone {@code t_train_X} /
 * {@code t_test_X} is the first step at which train (resp. evaluated test) accuracy reached
 * {@code X}%, null when it never did; steps are optimizer steps.
 *
 * @param tTrainPhase    train milestone at the phase rule's threshold
 * @param tTestPhase     test milestone at the phase rule's threshold
 * @param stepsBudget    the run's step budget, null in results written before it was recorded
 * @param delay          {@code tTestPhase − tTrainPhase}, null unless both were reached
 * @param delayLowerBound for a censored run, one that fitted the training set but never reached
 *                       the test milestone: {@code lastStep − tTrainPhase}, which its delay
 *                       exceeds; null otherwise
 * @param lastStep       last recorded step, null when the run recorded no metrics
 * @param phaseThreshold the rule's threshold, kept with every row so the table explains itself
 * @param phaseGap       the gap rule's gap in steps, null under the ratio rule
 * @param keyFrequencies comma-separated key frequencies of the trained network (trainer's
 *                       {@code key_frequencies}), null when not measured
 * @param majorityVoting per key frequency its neuron count and phase coherence (trainer's
 *                       {@code majority_voting}), null when not measured
 * @param phaseRule      the rule's kind, {@code gap} or {@code ratio}
 * @param phaseRatio     the ratio rule's r, null under the gap rule
 * @param settings       every setting of the run by key ({@code Settings.parse(config)}), values
 *                       as its canonical configuration writes them
 * @param lossMilestones the run's loss milestones, one per level the analysis was asked for
 */
public record RunRecord(
    String runId,
    int modulus,
    double weightDecay,
    double trainFraction,
    long seed,
    String status,
    int stepsRun,
    Integer stepsBudget,
    Integer tTrain90,
    Integer tTest90,
    Integer tTrain95,
    Integer tTest95,
    Integer tTrain99,
    Integer tTest99,
    Double finalTrainAcc,
    Double finalTestAcc,
    Phase phase,
    Integer tTrainPhase,
    Integer tTestPhase,
    Integer delay,
    Integer delayLowerBound,
    double phaseThreshold,
    Long phaseGap,
    Integer lastStep,
    Double finalWeightNorm,
    Double lotteryTicketHitRate,
    Double lotteryTicketChance,
    String keyFrequencies,
    String majorityVoting,
    String message,
    String config,
    String phaseRule,
    Double phaseRatio,
    Map<String, String> settings,
    List<LossMilestone> lossMilestones) {

  public RunRecord {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    lossMilestones = List.copyOf(lossMilestones);
  }

  /** The run's value of setting {@code key} as its canonical configuration writes it, or null. */
  public String setting(String key) {
    return settings.get(key);
  }

  /**
   * The settings, other than the seed, on which the runs that have them do not all agree, in
   * {@link Settings#ALL} order. A setting only some runs have (the MLP's width, the transformer's
   * d_model, in a sweep over both families) varies only when those runs disagree on it: with one
   * value it comes with the family and is no axis of its own.
   */
  public static List<Setting> variedSettings(Collection<RunRecord> runs) {
    List<Setting> varied = new ArrayList<>();
    for (Setting s : Settings.ALL) {
      if (s.key().equals(Settings.SEEDS)) {
        continue;
      }
      Set<String> values = new HashSet<>();
      runs.forEach(r -> {
        if (r.setting(s.key()) != null) {
          values.add(r.setting(s.key()));
        }
      });
      if (values.size() > 1) {
        varied.add(s);
      }
    }
    return varied;
  }

  /** True when the run fitted the training set but its budget ran out before the test milestone. */
  public boolean censored() {
    return delayLowerBound != null;
  }

  /** Runs per phase, every phase present (zero when none), in {@link Phase} order. */
  public static Map<Phase, Long> countByPhase(Collection<RunRecord> runs) {
    Map<Phase, Long> counts = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      counts.put(phase, 0L);
    }
    runs.forEach(run -> counts.merge(run.phase(), 1L, Long::sum));
    return counts;
  }
}
