/**
 * The public seam for application logic behind the TCP port: implement
 * {@link io.tcpgateway.handler.TcpMessageHandler} and declare it as a bean to replace the
 * default echo.
 */
package io.tcpgateway.handler;
