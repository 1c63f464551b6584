/**
 * Actuator behind HTTP Basic and the gateway's two roles, request bodies to the
 * management server bounded before they are read, and refused authentications counted.
 *
 * <p>
 * Internal, but for its properties and auto-configurations: its other public types serve
 * the gateway's other packages, with no compatibility promise.
 */
package io.tcpgateway.security;
