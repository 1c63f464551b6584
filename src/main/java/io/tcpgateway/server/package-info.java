/**
 * The TCP listener: configuration, the NIO connection factory and the per-connection read and write paths.
 */
package io.tcpgateway.server;
