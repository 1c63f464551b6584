/**
 * The blocking transport ({@code io-mode: net}): a thread per connection reads,
 * dispatches and writes.
 */
package io.tcpgateway.connection.net;
