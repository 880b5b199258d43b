package io.grokking.sweep.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.sweep.grid.GridExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration the project ships under {@code conf/} loads and expands to runs. */
class ShippedConfigsTest {
  static Stream<Path> shipped() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "conf"))) {
      List<Path> confs = files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
      assertThat(confs).hasSizeGreaterThan(10);
      return confs.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void loadsAndExpands(Path conf) {
    SweepConfig c = ConfigLoader.load(conf, List.of());
    assertThat(GridExpander.expand(c)).isNotEmpty().hasSizeLessThanOrEqualTo((int) c.gridSize());
  }
}
