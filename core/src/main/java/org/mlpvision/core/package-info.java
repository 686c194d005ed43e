/**
 * Shared foundation of MLPVision: strict typed configuration, device and thread selection, scoped
 * native memory for loops, and the Guice base that wires named components from config files.
 */
package org.mlpvision.core;
