package org.mlpvision.zoo;

import ai.djl.repository.LocalRepository;
import ai.djl.repository.Metadata;
import ai.djl.repository.Repository;
import ai.djl.repository.RepositoryFactory;
import ai.djl.repository.SimpleRepository;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DJL's factory of {@code file:} repositories, taught model directories: {@code
 * Criteria.builder().optModelPath(dir)} makes a {@code file:} repository of {@code dir}, and when
 * {@code dir} holds a {@code model.json} of format {@value ModelMetadata#FORMAT} it becomes a
 * {@link ModelDirectoryRepository}, so that the plain criteria find this module's translators.
 * Every other path gets what DJL 0.35's own factory gives it: a {@link LocalRepository} when a DJL
 * {@code metadata.json} lies below it, a {@link SimpleRepository} otherwise.
 *
 * <p>{@link #register()} installs it once, from {@link VisionZooProvider}, which DJL's {@code
 * ModelZoo} loads through {@code ServiceLoader} before any criteria resolve a path.
 */
final class ModelDirectoryRepositoryFactory implements RepositoryFactory {
  private static boolean registered;

  /** Installs the factory for {@code file:} URLs (once). */
  static synchronized void register() {
    if (!registered) {
      Repository.registerRepositoryFactory(new ModelDirectoryRepositoryFactory());
      registered = true;
    }
  }

  @Override
  public Set<String> getSupportedScheme() {
    return Set.of("file");
  }

  @Override
  public Repository newInstance(String name, URI uri) {
    Path path = Path.of(filePath(uri));
    if (isModelDirectory(path)) {
      return new ModelDirectoryRepository(name, uri, path);
    }
    if (Files.isDirectory(path) && hasDjlMetadata(path)) {
      return new LocalRepository(name, path.toUri(), path) {};
    }
    return new SimpleRepository(name, uri, path) {};
  }

  /**
   * Whether {@code dir} holds a model.json of this format (read leniently: a hint, not a check).
   */
  static boolean isModelDirectory(Path dir) {
    Path file = dir.resolve(ModelDirectory.MODEL_FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (Reader r = Files.newBufferedReader(file)) {
      var root = JsonUtils.GSON.fromJson(r, com.google.gson.JsonObject.class);
      return root != null
          && root.has("format")
          && ModelMetadata.FORMAT.equals(root.get("format").getAsString());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The path of a {@code file:} URI, as DJL reads it (also an opaque {@code file:relative}). */
  private static String filePath(URI uri) {
    String p = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
    if (p.startsWith("/") && System.getProperty("os.name").startsWith("Win")) {
      p = p.substring(1);
    }
    return p;
  }

  /** DJL's test for a local repository: a valid metadata.json in a folder below {@code root}. */
  private static boolean hasDjlMetadata(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.anyMatch(
          f ->
              Files.isRegularFile(f)
                  && !root.equals(f.getParent())
                  && f.getFileName().toString().equals("metadata.json")
                  && validMetadata(f));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean validMetadata(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      Metadata m = JsonUtils.GSON.fromJson(r, Metadata.class);
      return m != null && m.getMetadataVersion() != null && m.getArtifacts() != null;
    } catch (IOException | JsonParseException e) {
      return false;
    }
  }
}
