/**
 * What the gateway logs about connections for operators: the access log, one line per
 * closed connection, and the wire log, the bytes of each read and write.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.logging;
