package io.grokking.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pool the check of committed runs reads on: a serial loop's results, computed concurrently. */
class BoundedParallelTest {
  @Test
  void resultsComeInTheOrderOfTheItemsWhateverOrderTheyFinishIn() throws Exception {
    List<Integer> items = IntStream.range(0, 40).boxed().toList();
    // the first item finishes last: it waits until every other one has run
    CountDownLatch othersDone = new CountDownLatch(items.size() - 1);

    List<String> results = BoundedParallel.map(items, i -> {
      if (i == 0) {
        awaitOrFail(othersDone);
      } else {
        othersDone.countDown();
      }
      return "r" + i;
    });

    assertThat(results).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
  }

  @Test
  void itemsRunConcurrently() throws Exception {
    // two items that each wait for the other: a serial loop would never finish either
    CountDownLatch both = new CountDownLatch(2);

    List<Boolean> results = BoundedParallel.map(List.of(1, 2), i -> {
      both.countDown();
      awaitOrFail(both);
      return true;
    });

    assertThat(results).containsExactly(true, true);
  }

  @Test
  void theFirstFailureInItemOrderIsRethrownAsItWas() {
    assertThatThrownBy(() -> BoundedParallel.map(List.of(1, 2, 3, 4), i -> {
      if (i >= 3) {
        throw new IOException("item " + i);
      }
      if (i == 2) {
        throw new IllegalStateException("item 2");
      }
      return i;
    })).isInstanceOf(IllegalStateException.class).hasMessage("item 2");
    assertThatThrownBy(() -> BoundedParallel.map(List.of(1, 2), i -> {
      throw new IOException("item " + i);
    })).isInstanceOf(IOException.class).hasMessage("item 1");
  }

  private static void awaitOrFail(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IOException("the other items never ran");
      }
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }
}
