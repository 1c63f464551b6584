/**
 * The blocking transport ({@code io-mode: net}): a thread per connection reads,
 * dispatches and writes.
 *
 * <p>
 * Internal: its public types serve the gateway's other packages, with no compatibility
 * promise.
 */
package io.tcpgateway.connection.net;
