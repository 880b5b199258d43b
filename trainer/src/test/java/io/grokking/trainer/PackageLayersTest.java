package io.grokking.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trainer's packages form layers and no package imports one above it, read from the
 * {@code import io.grokking.trainer.X} lines of every main source file. A layer's sub-packages
 * (model.mlp, model.transformer, optim.filter) sit in their parent's layer: they may import the
 * parent, and the parent may import them (the model family registry), but two sub-packages of one
 * layer may not import each other, so that one family never depends on another.
 */
class PackageLayersTest {
  /** Lowest first. optim sits above model because a gradient filter reads the model's tensors. */
  static final List<String> LAYERS = List.of("config", "numeric", "metrics", "output", "checkpoint",
      "loss", "task", "fourier", "circuit", "model", "optim", "train", "run", "bench");

  private static final String BASE = "io.grokking.trainer";
  private static final Path MAIN = Path.of("src/main/java/io/grokking/trainer");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.grokking\\.trainer\\.([a-z0-9_.]+?)\\.[A-Z]",
          Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  @Test
  void everyMainPackageHasALayer() {
    assertThat(imports(MAIN).keySet()).isNotEmpty()
        .allSatisfy(pkg -> assertThat(layer(pkg)).as("layer of %s", pkg).isNotNegative());
  }

  @Test
  void noPackageImportsOneAboveIt() {
    assertThat(violations(imports(MAIN))).isEmpty();
  }

  @Test
  void anUpwardOrSiblingImportIsAViolation() {
    Map<String, List<String>> imports = new TreeMap<>();
    imports.put("task", List.of("config", "numeric"));
    imports.put("model", List.of("model.mlp"));
    imports.put("model.mlp", List.of("model", "fourier"));
    assertThat(violations(imports)).isEmpty();

    imports.put("numeric", List.of("run"));
    imports.put("model.transformer", List.of("model.mlp"));
    assertThat(violations(imports)).containsExactly("model.transformer imports model.mlp",
        "numeric imports run");
  }

  /** The violations, as "importer imports imported", in the order of the map. */
  static List<String> violations(Map<String, List<String>> importsByPackage) {
    List<String> out = new ArrayList<>();
    importsByPackage.forEach((from, targets) -> targets.stream().distinct().forEach(to -> {
      if (!allowed(from, to)) {
        out.add(from + " imports " + to);
      }
    }));
    return out;
  }

  private static boolean allowed(String from, String to) {
    int a = layer(from);
    int b = layer(to);
    if (a != b) {
      return a > b;
    }
    boolean siblings = from.contains(".") && to.contains(".") && !from.equals(to);
    return !siblings;
  }

  /** The layer's index, for a layer's package or one of its sub-packages; -1 when none. */
  static int layer(String pkg) {
    String top = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
    return LAYERS.indexOf(top);
  }

  /** Each main package (relative to io.grokking.trainer) and the trainer packages it imports. */
  static Map<String, List<String>> imports(Path root) {
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String src = Files.readString(f);
        Matcher p = PACKAGE.matcher(src);
        assertThat(p.find()).as("package line of %s", f).isTrue();
        String pkg = p.group(1).equals(BASE) ? "" : p.group(1).substring(BASE.length() + 1);
        List<String> targets = out.computeIfAbsent(pkg, k -> new ArrayList<>());
        Matcher m = IMPORT.matcher(src);
        while (m.find()) {
          targets.add(m.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
