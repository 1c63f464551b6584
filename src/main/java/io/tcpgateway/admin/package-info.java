/**
 * Operating live connections over Actuator: list, inspect, close and push to them.
 */
package io.tcpgateway.admin;
