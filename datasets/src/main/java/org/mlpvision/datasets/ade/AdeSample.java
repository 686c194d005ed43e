package org.mlpvision.datasets.ade;

import java.nio.file.Path;

/** One ADE20K image and its label PNG, named by the shared file stem. */
public record AdeSample(String stem, Path image, Path labels) {}
