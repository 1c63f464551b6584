/**
 * What the gateway observes with Micrometer's Observation API: each request
 * ({@code tcp.gateway.request}) and each connection ({@code tcp.gateway.connection}),
 * their contexts and the conventions an application may replace. A tracing bridge on the
 * application's classpath turns them into spans.
 */
package io.tcpgateway.observation;
