/**
 * Message framing on the TCP stream: how bytes are cut into frames and how replies are
 * framed.
 */
package io.tcpgateway.framing;
