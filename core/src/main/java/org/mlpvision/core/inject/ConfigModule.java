package org.mlpvision.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.device.RuntimeConfig;

/**
 * The Guice base: binds a parsed config document and its shared {@code runtime} section. Task
 * modules bind their own sections from the {@link ConfigSource} in {@code @Provides} methods and
 * pick named components from {@link Components} registries.
 */
public final class ConfigModule extends AbstractModule {
  private final ConfigSource config;

  /**
   * @param config the recipe being run
   */
  public ConfigModule(ConfigSource config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(ConfigSource.class).toInstance(config);
  }

  @Provides
  @Singleton
  RuntimeConfig runtime(ConfigSource source) {
    return source.section("runtime", RuntimeConfig.class);
  }
}
