/**
 * The integration flow: each decoded frame goes to the application's message handler, and
 * its replies go back out, in request order, through the outbound channel of the
 * connection they belong to.
 */
package io.tcpgateway.flow;
