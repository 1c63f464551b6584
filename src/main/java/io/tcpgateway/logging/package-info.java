/**
 * What the gateway logs about connections for operators: the access log, one line per
 * closed connection, and the wire log, the bytes of each read and write.
 */
package io.tcpgateway.logging;
