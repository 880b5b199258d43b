/** Initial weights drawn as PyTorch draws them, bit for bit, from a {@code TorchGenerator}. */
package io.grokking.trainer.model.init;
