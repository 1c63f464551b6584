/**
 * The integration flow: decoded frames go through the message handler, and each reply goes back out
 * through the outbound channel of the connection it belongs to.
 */
package io.tcpgateway.flow;
