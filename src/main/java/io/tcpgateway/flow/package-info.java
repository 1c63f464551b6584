/**
 * The integration flow: each decoded frame goes to the application's message handler, and
 * its replies go back out, in request order, through the outbound channel of the
 * connection they belong to.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.flow;
