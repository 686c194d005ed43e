package org.mlpvision.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inclusive bounds for a numeric record component (or every element of a numeric list/array
 * component). {@link ConfigLoader} checks it after binding and reports the key path on failure.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Range {
  /** Smallest allowed value. */
  double min() default Double.NEGATIVE_INFINITY;

  /** Largest allowed value. */
  double max() default Double.POSITIVE_INFINITY;
}
