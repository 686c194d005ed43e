/** Speed of UperNet segmentors: training steps and whole or sliding-window inference. */
package org.mlpvision.bench.segmentor;
