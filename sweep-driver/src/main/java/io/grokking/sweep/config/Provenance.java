package io.grokking.sweep.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where and with what a sweep was started; stored in {@code DIR/sweep.conf} beside the resolved
 * configuration so a result can be traced to the code and the libraries that produced it.
 *
 * @param gitRevision the commit of the working tree, or {@code unknown} outside a git checkout
 */
public record Provenance(String java, String spark, String dl4j, String host, Instant createdAt,
    String gitRevision) {
  public static final String UNKNOWN = "unknown";
  private static final long GIT_TIMEOUT_SECONDS = 5;

  /** Captures the running JVM and libraries; {@code repoDir} is where {@code git} is asked. */
  public static Provenance capture(Path repoDir) {
    return new Provenance(
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        mavenVersion("org.apache.spark", "spark-core_2.13"),
        mavenVersion("org.deeplearning4j", "deeplearning4j-nn"),
        hostName(),
        Instant.now(),
        gitRevision(repoDir));
  }

  /** The version in a jar's {@code META-INF/maven/.../pom.properties}, if it is on the classpath. */
  public static String mavenVersion(String groupId, String artifactId) {
    String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", UNKNOWN);
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", UNKNOWN);
    }
  }

  private static String gitRevision(Path repoDir) {
    try {
      Process git = new ProcessBuilder("git", "-C", repoDir.toString(), "rev-parse", "HEAD")
          .redirectErrorStream(true).start();
      if (!git.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return UNKNOWN;
      }
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    }
  }
}
