package io.grokking.sweep.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grokking.trainer.output.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking, refusing, refreshing and releasing the lease on a real directory. */
class DirectoryLeaseTest {
  private static final Duration LONG = Duration.ofHours(1);
  private final Configuration conf = new Configuration();
  @TempDir Path dir;

  private Path leaseFile() {
    return dir.resolve(Layout.LEASE);
  }

  private void writeLease(String host, long pid, Instant refreshed) throws IOException {
    Files.writeString(leaseFile(), new DirectoryLease.Holder(host, pid, null,
        refreshed.minusSeconds(60), refreshed, "other-token").render());
  }

  private DirectoryLease acquire(boolean takeOver, Duration refresh) throws IOException {
    return DirectoryLease.acquire(dir.toString(), conf, takeOver, refresh, Duration.ofMinutes(10),
        Clock.systemUTC());
  }

  @Test
  void aFreeDirectoryIsTakenAndReleasedOnClose() throws IOException {
    try (DirectoryLease lease = acquire(false, LONG)) {
      String text = Files.readString(leaseFile());
      assertThat(text).contains("host=" + DirectoryLease.localHost(),
          "pid=" + ProcessHandle.current().pid(), "token=" + lease.holder().token());
    }
    assertThat(leaseFile()).doesNotExist();
  }

  @Test
  void aLiveHolderIsRefusedByNameUnlessTakenOverOnPurpose() throws IOException {
    // this very process, so alive, with another token: as a second driver on this host sees it
    writeLease(DirectoryLease.localHost(), ProcessHandle.current().pid(), Instant.now());

    assertThatThrownBy(() -> acquire(false, LONG)).isInstanceOf(DirectoryLease.Held.class)
        .hasMessageContaining(dir + " is in use by another grok sweep: host "
            + DirectoryLease.localHost() + ", pid " + ProcessHandle.current().pid());
    assertThat(Files.readString(leaseFile())).contains("token=other-token");

    try (DirectoryLease lease = acquire(true, LONG)) {
      assertThat(Files.readString(leaseFile())).contains("token=" + lease.holder().token());
    }
  }

  @Test
  void aLeaseWhoseProcessIsGoneOrThatWasNotRefreshedIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLease(DirectoryLease.localHost(), gone.pid(), Instant.now());
    try (DirectoryLease lease = acquire(false, LONG)) {
      assertThat(Files.readString(leaseFile())).contains("token=" + lease.holder().token());
    }

    // another host's driver, silent for 11 minutes: stale by time alone
    writeLease("elsewhere.example", 1, Instant.now().minus(Duration.ofMinutes(11)));
    try (DirectoryLease lease = acquire(false, LONG)) {
      assertThat(lease.holder().host()).isEqualTo(DirectoryLease.localHost());
    }
    writeLease("elsewhere.example", 1, Instant.now().minus(Duration.ofMinutes(9)));
    assertThatThrownBy(() -> acquire(false, LONG)).isInstanceOf(DirectoryLease.Held.class)
        .hasMessageContaining("host elsewhere.example, pid 1");
  }

  @Test
  void theHolderRefreshesItsLease() throws Exception {
    try (DirectoryLease lease = acquire(false, Duration.ofMillis(50))) {
      Instant first = lease.holder().refreshed();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (lease.holder().refreshed().equals(first) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(lease.holder().refreshed()).isAfter(first);
      assertThat(Files.readString(leaseFile()))
          .contains("started=" + first).doesNotContain("refreshed=" + first + "\n");
    }
  }
}
