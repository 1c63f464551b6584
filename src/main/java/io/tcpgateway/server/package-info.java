/**
 * The core's composition root: the auto-configurations that build the listener and the
 * flow from the core's {@code tcp-gateway.*} properties, the properties and their
 * validator, the startup check and the graceful drain. It knows no feature: each feature
 * binds its own properties and plugs in through the core's seams.
 *
 * <p>
 * Internal, but for its properties and auto-configurations: its other public types serve
 * the gateway's other packages, with no compatibility promise.
 */
package io.tcpgateway.server;
