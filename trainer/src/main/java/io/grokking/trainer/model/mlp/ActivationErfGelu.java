package io.grokking.trainer.model.mlp;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU of Hendrycks &amp; Gimpel 2016, f(x) = x·Φ(x) = x/2 · (1 + erf(x/√2)), which is
 * PyTorch's default {@code nn.GELU()} ({@code gelu}). DL4J's own {@code ActivationGELU} is not
 * this function: without {@code precise} it is x·σ(1.702x), with it a tanh approximation.
 */
public final class ActivationErfGelu extends BaseActivationFunction {
  private static final double INV_SQRT2 = 1 / Math.sqrt(2);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return in.muli(cdf(in));
  }

  /** f'(x) = Φ(x) + x·φ(x), φ the standard normal density. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
    INDArray dLdz = cdf(in).addi(density.muli(in)).muli(epsilon);
    return new Pair<>(dLdz, null);
  }

  /** Φ(x) = (1 + erf(x/√2)) / 2, in a new array. */
  private static INDArray cdf(INDArray x) {
    INDArray z = x.mul(INV_SQRT2);
    Nd4j.getExecutioner().exec(new Erf(z, z));
    return z.addi(1).muli(0.5);
  }

  @Override
  public String toString() {
    return "gelu-erf";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationErfGelu;
  }

  @Override
  public int hashCode() {
    return ActivationErfGelu.class.hashCode();
  }
}
