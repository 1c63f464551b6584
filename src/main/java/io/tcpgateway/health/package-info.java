/**
 * Actuator health of the TCP listener.
 *
 * <p>
 * Internal, but for its auto-configuration's name: its other public types serve the
 * gateway's other packages, with no compatibility promise.
 */
package io.tcpgateway.health;
