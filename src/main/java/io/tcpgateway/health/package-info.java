/**
 * Actuator health of the TCP listener.
 */
package io.tcpgateway.health;
