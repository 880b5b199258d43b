package io.grokking.trainer.numeric;


/**
 * PyTorch's default initialisation of {@code nn.Linear(in, out, bias)}, drawn from a
 * {@link TorchGenerator} in torch's order, so that a model built layer by layer after
 * {@code torch.manual_seed(s)} gets the very float32 weights torch gives it.
 *
 * <p>torch 1.13, {@code torch/nn/modules/linear.py} {@code reset_parameters}: first
 * {@code kaiming_uniform_(weight, a=√5)} ({@code torch/nn/init.py}: gain √(2 / (1 + a²)),
 * bound √3 · gain / √fan_in, which is 1/√fan_in up to rounding), then, with a bias,
 * {@code uniform_(bias, −1/√fan_in, 1/√fan_in)}; the bounds are computed in double as Python
 * does. {@code uniform_(from, to)} on a CPU float tensor ({@code uniform_real} in
 * {@code aten/src/ATen/core/TransformationHelper.h}, {@code native/cpu/DistributionTemplates.h})
 * draws one 32-bit output per value, in row-major order, keeps its low 24 bits as
 * u = bits · 2⁻²⁴ and returns u · (to − from) + from, with from and to rounded to float and their
 * difference taken in float, but the product and sum in double (the CPU's
 * {@code dist_acctype<float>}), rounded to float last; float arithmetic throughout is off by an
 * ulp on some values.
 */
public final class TorchLinearInit {
  private TorchLinearInit() {}

  /**
   * The weights of one layer: {@code weight} is out × in, row-major (torch's
   * {@code weight[o][i]}); {@code bias} has {@code out} values, or is null for a layer without.
   */
  public record Linear(int in, int out, float[] weight, float[] bias) {}

  /** {@code nn.Linear(in, out, bias)}'s initial weights, drawn from {@code generator}. */
  public static Linear draw(TorchGenerator generator, int in, int out, boolean bias) {
    float[] weight = new float[Math.multiplyExact(in, out)];
    double weightBound = weightBound(in);
    uniform(generator, weight, -weightBound, weightBound);
    float[] biases = null;
    if (bias) {
      biases = new float[out];
      uniform(generator, biases, -biasBound(in), biasBound(in));
    }
    return new Linear(in, out, weight, biases);
  }

  /** {@code kaiming_uniform_(a=√5)}'s bound for {@code fanIn}, as torch computes it. */
  public static double weightBound(int fanIn) {
    double a = Math.sqrt(5);
    double gain = Math.sqrt(2.0 / (1 + a * a));
    return Math.sqrt(3.0) * (gain / Math.sqrt(fanIn));
  }

  /** The bias bound 1/√fanIn. */
  public static double biasBound(int fanIn) {
    return 1 / Math.sqrt(fanIn);
  }

  /** {@code tensor.uniform_(from, to)} on a CPU float tensor of {@code into.length} values. */
  public static void uniform(TorchGenerator generator, float[] into, double from, double to) {
    float low = (float) from;
    float span = (float) to - low;
    for (int i = 0; i < into.length; i++) {
      double u = (generator.random() & 0xFFFFFF) * 0x1p-24;
      into[i] = (float) (u * span + low);
    }
  }
}
