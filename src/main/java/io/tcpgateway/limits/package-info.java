/**
 * Limits that keep one client from taking more than its share: connections in total and
 * per client, requests in flight, replies waiting for a client that does not read, and
 * the pause-and-resume rule that applies them by not reading.
 */
package io.tcpgateway.limits;
