/**
 * Wharf configuration: immutable records, the YAML loader that builds them, and the users file.
 *
 * <p>{@link io.wharf.config.ConfigLoader} reads {@code wharf.yaml} into a {@link io.wharf.config.WharfConfig};
 * {@link io.wharf.config.UsersFile} reads and writes the users file. Everything is validated when it is loaded,
 * so code that receives a record can trust it. Every failure is a {@link io.wharf.config.ConfigException} whose
 * message names the file, the line and the key, ready to show to an operator as is.
 */
package io.wharf.config;
