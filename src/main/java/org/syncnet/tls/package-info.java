/**
 * TLS for the servers' client ports, plain Java: {@link org.syncnet.tls.ServerTls} builds the server's
 * {@code SSLContext} and {@code SSLParameters} from a PKCS12 key store, {@link org.syncnet.tls.TlsConfig} reads and
 * checks the {@code syncnet.tls.*} settings.
 */
package org.syncnet.tls;
