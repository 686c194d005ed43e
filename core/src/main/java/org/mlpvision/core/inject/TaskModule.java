package org.mlpvision.core.inject;

import com.google.inject.Module;

/**
 * The Guice module of a task ({@code classification}, {@code detection}, {@code segmentation}),
 * found at run time through {@link java.util.ServiceLoader}: a task module lists itself in its
 * jar's {@code META-INF/services/org.mlpvision.core.inject.TaskModule}, has a public no-argument
 * constructor, and registers its {@link org.mlpvision.core.train.TaskRunner} under the recipes'
 * {@code task} name with {@link Components#register}, plus the components (backbones, necks, heads)
 * its recipes name. The command line then needs no list of tasks.
 */
public interface TaskModule extends Module {}
