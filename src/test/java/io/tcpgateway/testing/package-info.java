/**
 * Test support for the gateway's own tests: the gateway started in-process or as a
 * process of its own, Actuator over HTTP, meter readings and bytes to send.
 */
package io.tcpgateway.testing;
