package io.strabo.spark.jni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Loads Strabo's native library once per JVM (per class loader).
 *
 * <p>The jar carries the library under {@code io/strabo/spark/native/<os>/<arch>/}. It is
 * copied to {@code <tmpdir>/strabo-<user>/} under a name that contains its SHA-256, so every
 * JVM on a host (driver, executors, restarted sessions) shares one verified copy: writers go
 * through a temporary file and an atomic rename, and an existing copy is used only if its
 * hash matches. Settings:
 *
 * <ul>
 *   <li>{@code -Dstrabo.native.library=/path/libstrabo_jni.so}: load this file instead.
 *   <li>{@code -Dstrabo.native.dir=/path}: extract there instead of the temporary directory
 *       (for hosts whose tmpdir is mounted noexec).
 * </ul>
 */
public final class NativeLoader {
  private static final String LIBRARY = "strabo_jni";
  private static final String RESOURCE_ROOT = "/io/strabo/spark/native/";
  private static final String[] KNOWN_PLATFORMS = {
    "linux/amd64", "linux/aarch64", "darwin/x86_64", "darwin/aarch64"
  };

  private static boolean loaded;
  private static RuntimeException failure;

  private NativeLoader() {}

  /** Loads the library, or throws the same descriptive error on every call if it cannot. */
  public static synchronized void load() {
    if (loaded) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    try {
      String explicit = System.getProperty("strabo.native.library");
      if (explicit != null) {
        System.load(Paths.get(explicit).toAbsolutePath().toString());
      } else {
        loadBundled();
      }
      loaded = true;
    } catch (RuntimeException | IOException | UnsatisfiedLinkError e) {
      failure =
          e instanceof UnsupportedOperationException
              ? (RuntimeException) e
              : new IllegalStateException("Cannot load Strabo's native library: " + e.getMessage(), e);
      throw failure;
    }
  }

  /**
   * The jar's directory name for a platform, e.g. {@code linux/amd64}.
   *
   * @throws UnsupportedOperationException naming the platform if Strabo has no build for it
   */
  public static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String family = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : null;
    String machine =
        switch (arch) {
          case "amd64", "x86_64" -> family != null && family.equals("darwin") ? "x86_64" : "amd64";
          case "aarch64", "arm64" -> "aarch64";
          default -> null;
        };
    if (family == null || machine == null) {
      throw unsupported(osName, osArch, "Strabo has no native build for this platform");
    }
    return family + "/" + machine;
  }

  private static UnsupportedOperationException unsupported(String osName, String osArch, String why) {
    return new UnsupportedOperationException(
        why
            + ": os.name="
            + osName
            + ", os.arch="
            + osArch
            + ". This jar carries native libraries for "
            + bundledPlatforms()
            + ". Build Strabo on the target platform (make jar), or point"
            + " -Dstrabo.native.library at a libstrabo_jni built for it.");
  }

  /** The platforms whose library this jar carries. */
  static List<String> bundledPlatforms() {
    List<String> platforms = new ArrayList<>();
    for (String platform : KNOWN_PLATFORMS) {
      if (NativeLoader.class.getResource(resourceName(platform)) != null) {
        platforms.add(platform);
      }
    }
    return platforms;
  }

  private static String resourceName(String platform) {
    String suffix = platform.startsWith("darwin") ? ".dylib" : ".so";
    return RESOURCE_ROOT + platform + "/lib" + LIBRARY + suffix;
  }

  private static void loadBundled() throws IOException {
    String osName = System.getProperty("os.name");
    String osArch = System.getProperty("os.arch");
    String resource = resourceName(platform(osName, osArch));
    byte[] library;
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw unsupported(osName, osArch, "This Strabo jar has no native library for this platform");
      }
      library = in.readAllBytes();
    }
    Path dir = extractionDir();
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    String stem = name.substring(0, name.lastIndexOf('.'));
    String suffix = name.substring(name.lastIndexOf('.'));
    String hash = sha256(library);
    Path target = dir.resolve(stem + "-" + hash.substring(0, 16) + suffix);
    if (!Files.exists(target) || !sha256(Files.readAllBytes(target)).equals(hash)) {
      Path temp = Files.createTempFile(dir, stem + "-", ".tmp");
      Files.write(temp, library);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try {
      System.load(target.toString());
    } catch (UnsatisfiedLinkError e) {
      // A JNI library binds to one class loader. If another loader of this JVM (an isolated
      // notebook or plugin loader) already loaded this file, load a private copy instead.
      if (e.getMessage() == null || !e.getMessage().contains("another classloader")) {
        throw e;
      }
      Path copy = Files.createTempFile(dir, stem + "-", suffix);
      copy.toFile().deleteOnExit();
      Files.write(copy, library);
      System.load(copy.toString());
    }
  }

  private static Path extractionDir() throws IOException {
    String configured = System.getProperty("strabo.native.dir");
    Path base = Paths.get(configured != null ? configured : System.getProperty("java.io.tmpdir"));
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    return Files.createDirectories(base.resolve("strabo-" + user));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
