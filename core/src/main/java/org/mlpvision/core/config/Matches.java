package org.mlpvision.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A regular expression that a string record component must match; checked by {@link ConfigLoader}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Matches {
  /** The pattern, matched against the whole value. */
  String value();

  /** What the pattern means, for the error message ("auto, cpu or gpu:N"). */
  String description();
}
