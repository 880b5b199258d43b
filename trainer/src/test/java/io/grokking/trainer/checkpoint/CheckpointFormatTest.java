package io.grokking.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State files round-trip their extra vectors, and version 1 files (AdamW only) still load. */
class CheckpointFormatTest {

  @Test
  void extraVectorsRoundTripByName() throws IOException {
    Map<String, double[]> extra = new LinkedHashMap<>();
    extra.put("sgd.momentum-buffer", new double[] {0.5, -1.0});
    extra.put("grokfast-ma.0", new double[] {2.0, 3.0});
    TrainingState s = new TrainingState("run", 4, 4, new double[] {1, 2}, new double[2],
        new double[2], -1, 0.5, 1.0, 2.0, extra);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CheckpointStore.write(s, new DataOutputStream(bytes));

    TrainingState back = CheckpointStore.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(back.extra()).containsOnlyKeys("sgd.momentum-buffer", "grokfast-ma.0");
    assertThat(back.extra().get("sgd.momentum-buffer")).containsExactly(0.5, -1.0);
    assertThat(back.extra().get("grokfast-ma.0")).containsExactly(2.0, 3.0);
    assertThat(back.params()).containsExactly(1, 2);
  }

  @Test
  void aVersionOneFileLoadsWithNoExtras() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x47524f4b);
    out.writeInt(1);
    out.writeUTF("old-run");
    out.writeInt(10);
    out.writeLong(10);
    out.writeInt(-1);
    out.writeDouble(0.25);
    out.writeDouble(1.5);
    out.writeDouble(0.5);
    out.writeInt(2);
    for (double x : new double[] {0.1, 0.2, 0.01, 0.02, 1e-4, 4e-4}) {
      out.writeDouble(x);
    }

    TrainingState s = CheckpointStore.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(s.runId()).isEqualTo("old-run");
    assertThat(s.nextStep()).isEqualTo(10);
    assertThat(s.params()).containsExactly(0.1, 0.2);
    assertThat(s.firstMoment()).containsExactly(0.01, 0.02);
    assertThat(s.secondMoment()).containsExactly(1e-4, 4e-4);
    assertThat(s.extra()).isEmpty();
  }
}
