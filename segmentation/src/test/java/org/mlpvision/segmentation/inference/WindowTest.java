package org.mlpvision.segmentation.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTest {
  @Test
  void theLastWindowOfEachAxisIsPulledBackToTheBorder() {
    // rows: (150-96+63)//64+1 = 2 grids; cols: (230-128+79)//80+1 = 3 grids.
    List<Window> g = Window.grid(150, 230, 96, 128, 64, 80);
    assertThat(g)
        .containsExactly(
            new Window(0, 96, 0, 128),
            new Window(0, 96, 80, 208),
            new Window(0, 96, 102, 230),
            new Window(54, 150, 0, 128),
            new Window(54, 150, 80, 208),
            new Window(54, 150, 102, 230));
  }

  @Test
  void anImageSmallerThanTheCropIsOneWindowOfTheImageSize() {
    assertThat(Window.grid(80, 100, 96, 128, 64, 80)).containsExactly(new Window(0, 80, 0, 100));
    // Smaller on one axis only: that axis has one span, the other slides.
    assertThat(Window.grid(80, 300, 96, 128, 64, 128))
        .containsExactly(
            new Window(0, 80, 0, 128), new Window(0, 80, 128, 256), new Window(0, 80, 172, 300));
  }

  @Test
  void everyWindowHasTheCropSizeWhenTheImageIsLarger() {
    for (Window w : Window.grid(512, 2048, 512, 512, 341, 341)) {
      assertThat(w.height()).isEqualTo(512);
      assertThat(w.width()).isEqualTo(512);
    }
    assertThat(Window.grid(512, 2048, 512, 512, 341, 341)).hasSize(6);
  }

  @Test
  void badSizesAreRejected() {
    assertThatThrownBy(() -> Window.grid(10, 10, 4, 4, 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stride 0x2");
  }
}
