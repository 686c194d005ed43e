package org.mlpvision.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkContextsTest {
  @Test
  void localMastersRetryAFailedTaskAsAClusterDoes() {
    assertThat(SparkContexts.withRetries("local")).isEqualTo("local[1,4]");
    assertThat(SparkContexts.withRetries("local[2]")).isEqualTo("local[2,4]");
    assertThat(SparkContexts.withRetries("local[*]")).isEqualTo("local[*,4]");
  }

  @Test
  void mastersThatSayHowOftenToRetryOrAreClustersStayAsGiven() {
    assertThat(SparkContexts.withRetries("local[2,2]")).isEqualTo("local[2,2]");
    assertThat(SparkContexts.withRetries("spark://host:7077")).isEqualTo("spark://host:7077");
    assertThat(SparkContexts.withRetries("yarn")).isEqualTo("yarn");
  }
}
