package io.grokking.trainer.model.transformer;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise passes of {@link TransformerPasses} over dense row-major ND4J arrays of
 * either precision, in chunks through NIO views created once, so a pass allocates nothing. Heap
 * copies are always double; float32 arrays are widened on read and rounded on write.
 */
final class DenseMemory {
  private static final int CHUNK = 4096;

  private final float[] fa = new float[CHUNK];
  private final float[] fb = new float[CHUNK];
  private final double[] da = new double[CHUNK];
  private final double[] db = new double[CHUNK];

  /** One dense array's memory: exactly one of the two buffers is set. */
  static final class View {
    final FloatBuffer f;
    final DoubleBuffer d;
    final int length;
    /** Keeps the array's memory alive: an NIO view alone does not, and would outlive it. */
    @SuppressWarnings("unused")
    private final INDArray owner;

    private View(INDArray owner, FloatBuffer f, DoubleBuffer d, int length) {
      this.owner = owner;
      this.f = f;
      this.d = d;
      this.length = length;
    }

    static View of(INDArray a) {
      long expected = 1;
      for (int k = a.rank() - 1; k >= 0; k--) {
        if (a.size(k) != 1 && a.stride(k) != expected) {
          throw new IllegalArgumentException("expected a dense row-major array, found shape "
              + java.util.Arrays.toString(a.shape()) + " strides "
              + java.util.Arrays.toString(a.stride()));
        }
        expected *= a.size(k);
      }
      int n = Math.toIntExact(a.length());
      if (a.dataType() == DataType.FLOAT) {
        return new View(a, new FloatPointer(a.data().addressPointer()).capacity(n).asBuffer(),
            null, n);
      }
      if (a.dataType() == DataType.DOUBLE) {
        return new View(a, null,
            new DoublePointer(a.data().addressPointer()).capacity(n).asBuffer(), n);
      }
      throw new IllegalArgumentException("precision must be FLOAT or DOUBLE, found "
          + a.dataType());
    }
  }

  /** dst[0, length) = src. */
  void read(View src, double[] dst) {
    if (src.d != null) {
      src.d.get(0, dst, 0, src.length);
      return;
    }
    for (int at = 0; at < src.length; at += CHUNK) {
      int len = Math.min(CHUNK, src.length - at);
      src.f.get(at, fa, 0, len);
      for (int i = 0; i < len; i++) {
        dst[at + i] = fa[i];
      }
    }
  }

  /** dst = src[0, length), rounded to float32 for a float32 array. */
  void write(double[] src, View dst) {
    if (dst.d != null) {
      dst.d.put(0, src, 0, dst.length);
      return;
    }
    for (int at = 0; at < dst.length; at += CHUNK) {
      int len = Math.min(CHUNK, dst.length - at);
      for (int i = 0; i < len; i++) {
        fa[i] = (float) src[at + i];
      }
      dst.f.put(at, fa, 0, len);
    }
  }

  /** x = max(x, 0) in place. */
  void relu(View x) {
    for (int at = 0; at < x.length; at += CHUNK) {
      int len = Math.min(CHUNK, x.length - at);
      if (x.d != null) {
        x.d.get(at, da, 0, len);
        for (int i = 0; i < len; i++) {
          da[i] = da[i] > 0 ? da[i] : 0;
        }
        x.d.put(at, da, 0, len);
      } else {
        x.f.get(at, fa, 0, len);
        for (int i = 0; i < len; i++) {
          fa[i] = fa[i] > 0 ? fa[i] : 0f;
        }
        x.f.put(at, fa, 0, len);
      }
    }
  }

  /** dx = dx where h > 0, else 0: the ReLU's backward, h being its output. */
  void mask(View dx, View h) {
    for (int at = 0; at < dx.length; at += CHUNK) {
      int len = Math.min(CHUNK, dx.length - at);
      if (dx.d != null) {
        dx.d.get(at, da, 0, len);
        h.d.get(at, db, 0, len);
        for (int i = 0; i < len; i++) {
          da[i] = db[i] > 0 ? da[i] : 0;
        }
        dx.d.put(at, da, 0, len);
      } else {
        dx.f.get(at, fa, 0, len);
        h.f.get(at, fb, 0, len);
        for (int i = 0; i < len; i++) {
          fa[i] = fb[i] > 0 ? fa[i] : 0f;
        }
        dx.f.put(at, fa, 0, len);
      }
    }
  }

  /** to += from, same length and type. */
  void add(View from, View to) {
    for (int at = 0; at < from.length; at += CHUNK) {
      int len = Math.min(CHUNK, from.length - at);
      if (from.d != null) {
        from.d.get(at, da, 0, len);
        to.d.get(at, db, 0, len);
        for (int i = 0; i < len; i++) {
          db[i] += da[i];
        }
        to.d.put(at, db, 0, len);
      } else {
        from.f.get(at, fa, 0, len);
        to.f.get(at, fb, 0, len);
        for (int i = 0; i < len; i++) {
          fb[i] += fa[i];
        }
        to.f.put(at, fb, 0, len);
      }
    }
  }

  /** to = from, same length and type. */
  void copy(View from, View to) {
    for (int at = 0; at < from.length; at += CHUNK) {
      int len = Math.min(CHUNK, from.length - at);
      if (from.d != null) {
        from.d.get(at, da, 0, len);
        to.d.put(at, da, 0, len);
      } else {
        from.f.get(at, fa, 0, len);
        to.f.put(at, fa, 0, len);
      }
    }
  }
}
