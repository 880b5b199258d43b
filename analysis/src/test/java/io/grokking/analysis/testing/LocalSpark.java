package io.grokking.analysis.testing;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session, UI off, shared by every test class of the fork. */
public final class LocalSpark {
  private LocalSpark() {}

  public static synchronized SparkSession get() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("grok-analysis-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }
}
