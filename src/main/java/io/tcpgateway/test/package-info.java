/**
 * Testing applications built on the gateway: the
 * {@link io.tcpgateway.test.TcpGatewayTest @TcpGatewayTest} slice and its
 * {@link io.tcpgateway.test.TcpTestClient}.
 */
package io.tcpgateway.test;
