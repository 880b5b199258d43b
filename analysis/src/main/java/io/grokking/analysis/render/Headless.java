package io.grokking.analysis.render;

/**
 * Puts AWT in headless mode. Executors and CI machines have no display, and AWT reads the flag
 * once, when the graphics environment first loads; so every rendering class calls this in its
 * static initializer, before it touches any AWT type.
 */
public final class Headless {
  private Headless() {}

  public static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
