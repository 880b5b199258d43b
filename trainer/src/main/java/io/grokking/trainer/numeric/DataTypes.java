package io.grokking.trainer.numeric;

import io.grokking.trainer.config.Precision;
import org.nd4j.linalg.api.buffer.DataType;

/** The ND4J data type every family's parameters and passes use for a run's precision. */
public final class DataTypes {
  private DataTypes() {}

  public static DataType of(Precision precision) {
    return precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
  }
}
