package io.grokking.trainer.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the network learns: the task, the operation of modular arithmetic, how many training
 * labels are corrupted, and the settings the task declares itself.
 *
 * @param name the registered task ({@link Tasks}; task.name): modular arithmetic by default
 * @param operation the binary operation mod p (task.operation); read by modular arithmetic only
 * @param labelNoise share ξ of training labels replaced by a random wrong class, in [0, 1)
 *     (task.label-noise; Doshi et al. 2023, "To grok or not to grok: disentangling
 *     generalization and memorization on corrupted algorithmic datasets")
 * @param options the values of the settings the task declares itself ({@link
 *     TaskSpec#options()}), by key; one left out takes its default
 */
public record TaskConfig(String name, Operation operation, double labelNoise,
    Map<String, Object> options) implements Serializable {
  /** Modular arithmetic, the task of every run written before tasks were registered. */
  public static final String DEFAULT_NAME = "modular";
  public static final Operation DEFAULT_OPERATION = Operation.ADD;
  public static final double DEFAULT_LABEL_NOISE = 0.0;
  // Its token is the word every run id begins with (task=modular-addition), which the modular
  // task takes as an alias of its name.
  public static final Setting NAME = Setting.key("task.name").word(DEFAULT_NAME)
      .allowed("one of " + String.join(", ", Tasks.names()))
      .doc("the task: a registered one (modular: Power et al. 2022's operations mod p; group:"
          + " composition in a finite group, Chughtai et al. 2023)")
      .run("task", "task").build();
  public static final Setting OPERATION = Setting.key("task.operation")
      .word(DEFAULT_OPERATION.key()).allowed("one of " + Operation.allowed())
      .doc("the binary operation mod p (Power et al. 2022); task.name = modular only")
      .run("op", "operation").absent(DEFAULT_OPERATION.key()).build();
  public static final Setting LABEL_NOISE = Setting.key("task.label-noise")
      .number(DEFAULT_LABEL_NOISE).allowed("in [0, 1)")
      .doc("share ξ of training labels replaced by a random wrong class (Doshi et al. 2023)")
      .run("noise", "label_noise").absent(String.valueOf(DEFAULT_LABEL_NOISE)).refinable()
      .build();
  public static final String NAME_KEY = NAME.key();
  public static final String OPERATION_KEY = OPERATION.key();
  public static final String LABEL_NOISE_KEY = LABEL_NOISE.key();

  /** This record's settings, in the order of a run's canonical configuration. */
  public static final List<Setting> SETTINGS = List.of(NAME, OPERATION, LABEL_NOISE);

  public TaskConfig {
    NAME.check(name != null && Tasks.names().contains(name), name);
    OPERATION.check(operation != null, operation);
    LABEL_NOISE.check(labelNoise >= 0 && labelNoise < 1, labelNoise);
    options = Setting.checkedOptions(options, Tasks.of(name).options(), NAME_KEY + " = " + name);
  }

  /** A task of modular arithmetic. */
  public TaskConfig(Operation operation, double labelNoise) {
    this(DEFAULT_NAME, operation, labelNoise, Map.of());
  }

  public static TaskConfig defaults() {
    return new TaskConfig(DEFAULT_OPERATION, DEFAULT_LABEL_NOISE);
  }

  /**
   * The task of a run read back from its settings by key ({@link Settings#parse}), as the analysis
   * has them; a setting left out takes its default.
   */
  public static TaskConfig of(Map<String, String> settings) {
    String name = Tasks.nameOf(settings.getOrDefault(NAME.key(), DEFAULT_NAME));
    Map<String, Object> options = new java.util.TreeMap<>();
    for (Setting s : Tasks.of(name).options()) {
      String v = settings.get(s.key());
      if (v != null) {
        options.put(s.key(), switch (s.type()) {
          case INTEGER -> Integer.valueOf(v);
          case NUMBER -> Double.valueOf(v);
          case BOOLEAN -> Boolean.valueOf(v);
          default -> v;
        });
      }
    }
    return new TaskConfig(name, Operation.parse(OPERATION.key(),
        settings.getOrDefault(OPERATION.key(), DEFAULT_OPERATION.key())),
        Double.parseDouble(settings.getOrDefault(LABEL_NOISE.key(), "0.0")), options);
  }

  /** The task this configuration is of. */
  public TaskSpec spec() {
    return Tasks.of(name);
  }

  /** The value of the task's own setting {@code s}: the one given, else its default. */
  public Object option(Setting s) {
    return options.getOrDefault(s.key(), s.defaultValue());
  }

  /**
   * The part of a run's canonical configuration this task adds at its end: nothing for the
   * default operation and clean labels, so every run id written before tasks existed stays what
   * it was, then each of the task's own settings.
   */
  public String canonicalSuffix() {
    StringBuilder b = new StringBuilder();
    b.append(operation == DEFAULT_OPERATION ? "" : ";op=" + operation.key())
        .append(labelNoise == DEFAULT_LABEL_NOISE ? "" : ";noise=" + labelNoise);
    for (Setting s : spec().options()) {
      b.append(';').append(s.token()).append('=').append(option(s));
    }
    return b.toString();
  }

  /** Checks the rules that tie the task to its size n, whatever the model. */
  public void checkFits(int size) {
    spec().checkFits(this, size);
  }
}
