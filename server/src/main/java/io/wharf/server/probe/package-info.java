/**
 * {@code wharf probe}: a data-connection diagnostic for any FTP server. It logs in once per data mode (PASV, EPSV,
 * PORT, EPRT, plain and over TLS), lists a directory in each, and explains every failure in plain words with its fix.
 *
 * <p>The probe is a command-line client, so it uses blocking {@link java.net.Socket} and
 * {@link javax.net.ssl.SSLSocket} I/O with a timeout on every connect and every wait; it never runs on the server's
 * event loops. {@link io.wharf.server.probe.Probe} produces a {@link io.wharf.server.probe.ProbeReport};
 * {@link io.wharf.server.probe.ProbeTable} prints it.
 */
package io.wharf.server.probe;
