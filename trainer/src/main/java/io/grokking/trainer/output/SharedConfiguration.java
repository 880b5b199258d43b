package io.grokking.trainer.output;

import org.apache.hadoop.conf.Configuration;

/**
 * The one Hadoop {@link Configuration} of a JVM that has no better one (the driver before Spark
 * starts, {@code grok verify}, an executor without a Spark environment). Building a
 * {@code Configuration} is cheap, but its first lookup parses Hadoop's default XML resources,
 * about 15 ms each time on 2 cores; a check of a thousand runs that built one per file spent
 * a minute doing nothing else. Reads of a shared configuration are thread-safe; nobody may
 * {@code set} on it.
 */
public final class SharedConfiguration {
  private SharedConfiguration() {}

  private static final class Holder {
    static final Configuration CONF = load();

    private static Configuration load() {
      Configuration conf = new Configuration();
      conf.size(); // parse the resources now, once, rather than on a reader thread's first get
      return conf;
    }
  }

  /** This JVM's shared configuration, built and parsed on first use. */
  public static Configuration get() {
    return Holder.CONF;
  }
}
