/**
 * ADE20K SceneParsing: the folder layout ({@link org.mlpvision.datasets.ade.AdeDataset}), the 150
 * classes with names and palette ({@link org.mlpvision.datasets.ade.AdeClasses}) and mmseg's {@code
 * reduce_zero_label} ({@link org.mlpvision.datasets.ade.LabelMaps}).
 */
package org.mlpvision.datasets.ade;
