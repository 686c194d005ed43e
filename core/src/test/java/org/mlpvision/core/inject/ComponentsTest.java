package org.mlpvision.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlpvision.core.config.ConfigSource;
import org.mlpvision.core.config.Defaults;
import org.mlpvision.core.device.RuntimeConfig;

class ComponentsTest {
  interface Greeter {
    String greet(String who);
  }

  record GreeterConfig(String type, String punctuation) {
    GreeterConfig {
      type = Defaults.or(type, "hello");
      punctuation = Defaults.or(punctuation, ".");
    }
  }

  static final class Hello implements Greeter {
    @Inject
    Hello() {}

    @Override
    public String greet(String who) {
      return "hello " + who;
    }
  }

  static final class Bonjour implements Greeter {
    @Override
    public String greet(String who) {
      return "bonjour " + who;
    }
  }

  /** A component module: one registration line per implementation. */
  static final class GreeterModule extends AbstractModule {
    @Override
    protected void configure() {
      Components.register(binder(), Greeter.class, "hello", Hello.class);
      Components.register(binder(), Greeter.class, "bonjour", new Bonjour());
    }

    @Provides
    GreeterConfig config(ConfigSource source) {
      return source.section("greeter", GreeterConfig.class);
    }

    @Provides
    Greeter selected(Map<String, Greeter> all, GreeterConfig config) {
      return Components.select(all, config.type(), "greeter");
    }
  }

  private static Injector injector(String json) {
    return Guice.createInjector(
        new ConfigModule(ConfigSource.of("test.json", json)), new GreeterModule());
  }

  @Test
  void resolvesTheComponentNamedInTheConfig() {
    Injector inj = injector("{\"greeter\": {\"type\": \"bonjour\"}}");
    assertThat(inj.getInstance(Greeter.class).greet("monde")).isEqualTo("bonjour monde");
    assertThat(injector("{}").getInstance(Greeter.class).greet("x")).isEqualTo("hello x");
  }

  @Test
  void bindsTheRuntimeSection() {
    Injector inj = injector("{\"runtime\": {\"device\": \"cpu\", \"intra_op_threads\": 2}}");
    RuntimeConfig rt = inj.getInstance(RuntimeConfig.class);
    assertThat(rt.device()).isEqualTo("cpu");
    assertThat(rt.intraOpThreads()).isEqualTo(2);
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    Injector inj = injector("{\"greeter\": {\"type\": \"hola\"}}");
    assertThatThrownBy(() -> inj.getInstance(Greeter.class))
        .hasMessageContaining("unknown greeter 'hola'")
        .hasMessageContaining("[bonjour, hello]");
  }
}
