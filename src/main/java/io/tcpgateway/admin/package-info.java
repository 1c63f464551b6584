/**
 * Operating live connections over Actuator: list, inspect, close and push to them.
 *
 * <p>
 * Internal, but for its auto-configuration's name: its other public types serve the
 * gateway's other packages, with no compatibility promise.
 */
package io.tcpgateway.admin;
