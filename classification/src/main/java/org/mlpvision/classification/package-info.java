/**
 * Image classification on the shared training engine: Hire-MLP and AS-MLP classifiers trained on
 * the synthetic shape set, top-1 accuracy, and the Guice wiring of the {@code classification} task.
 */
package org.mlpvision.classification;
