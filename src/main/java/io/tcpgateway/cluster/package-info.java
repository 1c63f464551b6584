/**
 * The cluster directory of live connections and push between gateways, through Redis.
 */
package io.tcpgateway.cluster;
