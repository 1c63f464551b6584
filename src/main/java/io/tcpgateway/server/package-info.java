/**
 * The composition root: the auto-configurations that build the listener and the flow from
 * {@code tcp-gateway.*} properties, the properties and their validator, the startup check
 * and the graceful drain.
 */
package io.tcpgateway.server;
