/**
 * Seed mixing shared by training, data loading and synthetic data (one function, {@code Seeds}).
 */
package org.mlpvision.core.random;
