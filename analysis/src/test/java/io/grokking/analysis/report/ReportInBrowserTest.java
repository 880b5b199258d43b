package io.grokking.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.grokking.analysis.Analysis;
import io.grokking.analysis.AnalysisResult;
import io.grokking.analysis.phase.PhaseRule;
import io.grokking.analysis.testing.LocalSpark;
import io.grokking.analysis.testing.StandardSweep;
import io.grokking.trainer.output.Layout;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a demo-like sweep opened in headless Chromium (Debian's {@code chromium}), with the
 * network off: every image must load, which proves the page self-contained. Skipped, saying so,
 * where {@code /usr/bin/chromium} is not installed. The screenshot lands in {@code
 * target/report-screenshot.png} for a human to look at.
 */
class ReportInBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;
  /** Written into the title of a copy of the page once every image has loaded or failed. */
  private static final String PROBE = """
      <script>window.addEventListener('load', function () {
        var images = Array.prototype.slice.call(document.images);
        var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
        document.title = 'images loaded ' + loaded.length + ' of ' + images.length;
      });</script>
      """;

  @TempDir
  static Path dir;
  @TempDir
  static Path browser;
  private static Path report;

  @BeforeAll
  static void analyse() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        CHROMIUM + " is not installed (apt-get install chromium); the report's browser check"
            + " is skipped");
    AnalysisResult result = Analysis.run(LocalSpark.get(), StandardSweep.write(dir).dir(),
        PhaseRule.defaults());
    report = dir.resolve(Layout.REPORT);
    assertThat(result.imagePaths()).isNotEmpty();
  }

  @Test
  void everyImageOfTheReportLoadsWithTheNetworkOff() throws Exception {
    // a probed copy, so the report itself stays script-free
    Path copy = Files.createDirectories(browser.resolve("report"));
    try (Stream<Path> files = Files.list(report)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Path page = copy.resolve(HtmlReport.FILE_NAME);
    String html = Files.readString(page);
    int images = html.split("<img ", -1).length - 1;
    Files.writeString(page, html.replace("</body>", PROBE + "</body>"));

    String dom = chromium("--virtual-time-budget=10000", "--dump-dom",
        page.toUri().toString());
    Matcher title = Pattern.compile("<title>images loaded (\\d+) of (\\d+)</title>").matcher(dom);
    assertThat(title.find()).as("probe title in the DOM Chromium dumped").isTrue();
    assertThat(Integer.parseInt(title.group(2))).isEqualTo(images).isEqualTo(13);
    assertThat(Integer.parseInt(title.group(1))).as("images with naturalWidth > 0")
        .isEqualTo(images);
  }

  @Test
  void aScreenshotShowsThePage() throws Exception {
    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    chromium("--screenshot=" + screenshot, "--window-size=1400,2000",
        report.resolve(HtmlReport.FILE_NAME).toUri().toString());
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(2000);
  }

  /** Runs headless Chromium as the CI's root user can, returning what it printed on stdout. */
  private static String chromium(String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(browser, "profile");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = browser.resolve("chromium-" + System.nanoTime() + ".out");
    Path err = browser.resolve("chromium-" + System.nanoTime() + ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File(
            "/dev/null"))).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish in " + TIMEOUT_SECONDS + " s: "
          + Files.readString(err));
    }
    assertThat(process.exitValue()).as("Chromium's exit code; stderr: %s",
        Files.readString(err)).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
