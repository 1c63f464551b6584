/**
 * Limits that keep one client from taking more than its share: connections in total and
 * per client, requests in flight, replies waiting for a client that does not read, and
 * the pause-and-resume rule that applies them by not reading.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.limits;
