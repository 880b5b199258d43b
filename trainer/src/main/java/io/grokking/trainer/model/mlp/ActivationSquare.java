package io.grokking.trainer.model.mlp;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** f(x) = x², the quadratic activation of Gromov 2023 and He et al. 2026 ({@code quad}). */
public final class ActivationSquare extends BaseActivationFunction {
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.muli(in);
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    INDArray dLdz = in.mul(2).muli(epsilon);
    return new Pair<>(dLdz, null);
  }

  @Override
  public String toString() {
    return "square";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationSquare;
  }

  @Override
  public int hashCode() {
    return ActivationSquare.class.hashCode();
  }
}
