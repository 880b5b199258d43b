package io.grokking.trainer.train.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.config.ConfigException;
import io.grokking.trainer.numeric.TorchGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected orders were printed by torch 1.13.1 (Debian python3-torch):
 * <pre>
 * import torch
 * from torch.utils.data import TensorDataset, DataLoader
 * for seed, n, b in ((7, 10, 4), (1, 1000, 32)):
 *     g = torch.Generator(); g.manual_seed(seed)
 *     dl = DataLoader(TensorDataset(torch.arange(n)), batch_size=b, shuffle=True,
 *                     drop_last=False, generator=g)
 *     for e in range(3):
 *         bs = [t[0].tolist() for t in dl]
 *         print(e, len(bs), bs if n == 10 else (bs[0][:6], bs[5][:4], bs[-1]))
 * torch.manual_seed(7)   # no generator: each epoch seeds its own from the global one
 * dl = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)
 * for e in range(3): print([t[0].tolist() for t in dl])
 * # parity-nn @41c7339 parity.py main(), seed_id 0: manual_seed, FF1(40, 1000) init, then each
 * # epoch iterates train, test, train, test (loss_calc, acc_calc) before the training loop
 * torch.manual_seed(0)
 * train = DataLoader(TensorDataset(torch.arange(1000)), batch_size=32, shuffle=True)
 * test = DataLoader(TensorDataset(torch.arange(100)), batch_size=100, shuffle=True)
 * torch.nn.Linear(40, 1000); torch.nn.Linear(1000, 1, bias=False)
 * for epoch in range(2):
 *     for loader in (train, test, train, test):
 *         for _ in loader: pass
 *     bs = [t[0].tolist() for t in train]
 *     print(epoch, bs[0][:6], bs[-1])
 * </pre>
 */
class ShuffledBatchesTest {

  @Test
  void smallWorkedSequenceMatchesTorch() {
    ShuffledBatches batches = ShuffledBatches.start(7, 10, 4);
    assertThat(epoch(batches, 3)).containsExactly(new int[] {1, 3, 5, 7}, new int[] {9, 4, 6, 2},
        new int[] {8, 0});
    assertThat(epoch(batches, 3)).containsExactly(new int[] {5, 1, 6, 0}, new int[] {9, 7, 8, 4},
        new int[] {3, 2});
    assertThat(epoch(batches, 3)).containsExactly(new int[] {4, 3, 2, 8}, new int[] {1, 0, 6, 5},
        new int[] {9, 7});
  }

  @Test
  void parityBatchesOf32MatchTorchOverThreeEpochs() {
    ShuffledBatches batches = ShuffledBatches.start(1, 1000, 32);
    assertThat(ShuffledBatches.batchesPerEpoch(1000, 32)).isEqualTo(32);
    assertTorchEpoch(epoch(batches, 32), new int[] {124, 681, 249, 154, 387, 386},
        new int[] {2, 718, 759, 935}, new int[] {34, 750, 670, 495, 625, 677, 708, 564});
    assertTorchEpoch(epoch(batches, 32), new int[] {334, 12, 141, 650, 463, 336},
        new int[] {730, 756, 36, 350}, new int[] {338, 835, 720, 963, 346, 700, 779, 846});
    assertTorchEpoch(epoch(batches, 32), new int[] {989, 149, 671, 223, 524, 203},
        new int[] {734, 445, 536, 859}, new int[] {711, 585, 497, 189, 285, 874, 166, 917});
  }

  @Test
  void everyEpochVisitsEveryRowOnceInBatchesOfTheRightSize() {
    ShuffledBatches batches = ShuffledBatches.start(3, 50, 8);
    for (int e = 0; e < 4; e++) {
      List<int[]> epoch = epoch(batches, 7);
      assertThat(epoch.subList(0, 6)).allSatisfy(b -> assertThat(b).hasSize(8));
      assertThat(epoch.get(6)).hasSize(2);
      assertThat(epoch.stream().flatMapToInt(Arrays::stream).sorted().toArray())
          .isEqualTo(IntStream.range(0, 50).toArray());
      assertThat(batches.epoch()).isEqualTo(e + 1);
      assertThat(batches.batchInEpoch()).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource({"10, 4", "12, 4", "7, 7", "5, 1"})
  void resumingAtAnyPositionContinuesTheSameSequence(int rows, int batchSize) {
    int perEpoch = ShuffledBatches.batchesPerEpoch(rows, batchSize);
    ShuffledBatches straight = ShuffledBatches.start(11, rows, batchSize);
    List<int[]> sequence = new ArrayList<>();
    for (int i = 0; i < 4 * perEpoch; i++) {
      sequence.add(straight.next());
    }
    for (int done = 0; done < 3 * perEpoch; done++) {
      ShuffledBatches resumed = ShuffledBatches.resume(11, rows, batchSize, done / perEpoch,
          done % perEpoch);
      ShuffledBatches afterUpdates = ShuffledBatches.afterUpdates(11, rows, batchSize, done);
      assertThat(resumed.updates()).isEqualTo(done);
      for (int i = done; i < done + perEpoch + 1; i++) {
        assertThat(resumed.next()).isEqualTo(sequence.get(i));
        assertThat(afterUpdates.next()).isEqualTo(sequence.get(i));
      }
    }
  }

  @Test
  void withoutAGeneratorEachEpochSeedsItsOwnFromTheGlobalOne() {
    TorchGenerator global = new TorchGenerator(7);
    assertThat(ShuffledBatches.epochOrderFromGlobal(global, 10))
        .containsExactly(3, 2, 7, 8, 6, 1, 5, 9, 0, 4);
    assertThat(ShuffledBatches.epochOrderFromGlobal(global, 10))
        .containsExactly(1, 3, 5, 2, 8, 9, 6, 7, 4, 0);
    assertThat(ShuffledBatches.epochOrderFromGlobal(global, 10))
        .containsExactly(9, 2, 7, 1, 6, 0, 3, 5, 4, 8);
  }

  @Test
  void parityNnsOwnTrainingOrderFollowsFromItsGlobalGenerator() {
    TorchGenerator global = new TorchGenerator(0);
    for (int i = 0; i < 40 * 1000 + 1000 + 1000; i++) {
      global.random(); // FF1's init: one output per uniform_ value (see TorchLinearInitTest)
    }
    int[][] expectedHeads = {{543, 345, 398, 926, 703, 464}, {104, 424, 456, 269, 837, 929}};
    int[][] expectedTails = {{946, 243, 642, 981, 363, 943, 832, 950},
        {365, 569, 416, 999, 483, 628, 56, 702}};
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int evaluation = 0; evaluation < 4; evaluation++) {
        ShuffledBatches.epochOrderFromGlobal(global, evaluation % 2 == 0 ? 1000 : 100);
      }
      int[] order = ShuffledBatches.epochOrderFromGlobal(global, 1000);
      assertThat(Arrays.copyOfRange(order, 0, 6)).isEqualTo(expectedHeads[epoch]);
      assertThat(Arrays.copyOfRange(order, 992, 1000)).isEqualTo(expectedTails[epoch]);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 10", "-1, 10", "11, 10", "2, 1"})
  void batchSizesOutsideOneToTheTrainingRowsAreRejected(int batchSize, int rows) {
    assertThatThrownBy(() -> ShuffledBatches.start(0, rows, batchSize))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo("train.batch-size"))
        .hasMessageContaining("[1, " + rows + "]")
        .hasMessageEndingWith("found " + batchSize);
  }

  private static List<int[]> epoch(ShuffledBatches batches, int count) {
    List<int[]> epoch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      epoch.add(batches.next());
    }
    return epoch;
  }

  private static void assertTorchEpoch(List<int[]> epoch, int[] firstHead, int[] sixthHead,
      int[] last) {
    assertThat(Arrays.copyOf(epoch.get(0), 6)).isEqualTo(firstHead);
    assertThat(Arrays.copyOf(epoch.get(5), 4)).isEqualTo(sixthHead);
    assertThat(epoch.get(31)).isEqualTo(last);
  }
}
