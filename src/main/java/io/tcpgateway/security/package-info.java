/**
 * Actuator behind HTTP Basic and the gateway's two roles, request bodies to the
 * management server bounded before they are read, and refused authentications counted.
 */
package io.tcpgateway.security;
