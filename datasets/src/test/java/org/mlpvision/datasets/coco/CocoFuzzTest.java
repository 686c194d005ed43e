package org.mlpvision.datasets.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.mlpvision.datasets.DatasetException;
import org.mlpvision.datasets.mask.Rle;
import org.mlpvision.datasets.mask.RleString;

/**
 * Mutated annotation files and RLE strings: every input must give a result or a domain error, never
 * another exception or a hang.
 */
class CocoFuzzTest {
  private static final String[] TOKENS = {
    "NaN",
    "-1",
    "1e309",
    "\"x\"",
    "[]",
    "{}",
    "null",
    "true",
    "0",
    "2147483648",
    "\"../a.jpg\"",
    "\"/abs.jpg\"",
    "[1,2]",
    "[[1,2,3]]",
    "{\"size\":[4,3],\"counts\":\"4\"}",
    "-0.5",
    ",",
    "]",
    "}",
    "\"counts\"",
    "\"segmentation\"",
    "99999999",
    "-Infinity",
    "[0,0,1e6,1e6]"
  };

  @Test
  void mutatedAnnotationFilesGiveResultsOrDomainErrors() throws Exception {
    String base = Files.readString(CocoReaderTest.fixture("every-form.json"));
    Random rnd = new Random(20261121);
    int[] outcome = new int[2];
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int t = 0; t < 1200; t++) {
            String doc = mutate(base, rnd);
            for (boolean skip : new boolean[] {false, true}) {
              try {
                CocoDataset d = CocoReaderTest.parse(doc, skip);
                // Accepted data must be fully usable: masks decode, stats compute.
                CocoStats.of(d);
                new CocoInstances(d, true, 0)
                    .images()
                    .forEach(im -> new CocoInstances(d, false, 0).targets(im));
                outcome[0]++;
              } catch (DatasetException e) {
                assertThat(e.getMessage()).startsWith("test.json: ");
                outcome[1]++;
              } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail("mutation " + t + " threw " + e + " for:\n" + doc, e);
              }
            }
          }
        });
    // Both outcomes occur, so the mutations reach past the syntax checks.
    assertThat(outcome[0]).isGreaterThan(100);
    assertThat(outcome[1]).isGreaterThan(100);
  }

  @Test
  void mutatedRleStringsDecodeOrFailCleanly() {
    Random rnd = new Random(7);
    int ok = 0;
    for (int t = 0; t < 3000; t++) {
      int h = rnd.nextInt(12);
      int w = rnd.nextInt(12);
      String s;
      if (t % 2 == 0 && h * w > 0) {
        // A valid string, then one character changed, dropped or added.
        byte[] m = new byte[h * w];
        for (int i = 0; i < m.length; i++) {
          m[i] = (byte) rnd.nextInt(2);
        }
        StringBuilder b = new StringBuilder(RleString.encode(Rle.fromBitmap(m, h, w)));
        int pos = rnd.nextInt(b.length());
        switch (rnd.nextInt(3)) {
          case 0 -> b.setCharAt(pos, (char) (32 + rnd.nextInt(96)));
          case 1 -> b.deleteCharAt(pos);
          default -> b.insert(pos, (char) ('0' + rnd.nextInt(64)));
        }
        s = b.toString();
      } else {
        char[] c = new char[rnd.nextInt(12)];
        for (int i = 0; i < c.length; i++) {
          c[i] = (char) (40 + rnd.nextInt(80));
        }
        s = new String(c);
      }
      try {
        Rle r = RleString.decode(s, h, w);
        assertThat(RleString.decode(RleString.encode(r), h, w)).isEqualTo(r);
        assertThat(r.area()).isEqualTo(countOnes(r.toBitmap()));
        r.bbox();
        ok++;
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(ok).isPositive();
  }

  private static long countOnes(byte[] m) {
    long n = 0;
    for (byte b : m) {
      n += b;
    }
    return n;
  }

  private static String mutate(String base, Random rnd) {
    StringBuilder s = new StringBuilder(base);
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int pos = rnd.nextInt(s.length());
      switch (rnd.nextInt(6)) {
        case 0 -> s.setCharAt(pos, (char) (32 + rnd.nextInt(95)));
        case 1 -> s.delete(pos, Math.min(s.length(), pos + 1 + rnd.nextInt(8)));
        case 2 -> s.insert(pos, TOKENS[rnd.nextInt(TOKENS.length)]);
        case 3 -> {
          // Replace a number with a token: most mutations then stay well-formed JSON.
          int start = pos;
          while (start < s.length() && !Character.isDigit(s.charAt(start))) {
            start++;
          }
          int end = start;
          while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
          }
          if (start < s.length()) {
            s.replace(start, end, TOKENS[rnd.nextInt(TOKENS.length)]);
          }
        }
        case 4 -> s.setLength(Math.max(1, pos));
        default -> {
          int start = pos;
          while (start < s.length() && !Character.isDigit(s.charAt(start))) {
            start++;
          }
          if (start < s.length()) {
            s.insert(start, rnd.nextBoolean() ? "-" : "9");
          }
        }
      }
    }
    return s.toString();
  }
}
