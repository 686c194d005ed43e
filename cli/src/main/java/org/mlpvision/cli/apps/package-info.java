/** {@code vision export} and {@code vision infer}: trained models in applications. */
package org.mlpvision.cli.apps;
