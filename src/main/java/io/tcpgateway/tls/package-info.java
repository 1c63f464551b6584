/**
 * TLS on the TCP port: settings from a Spring Boot SSL bundle, client authentication, and
 * the non-blocking {@code SSLEngine} layer of an NIO connection.
 */
package io.tcpgateway.tls;
