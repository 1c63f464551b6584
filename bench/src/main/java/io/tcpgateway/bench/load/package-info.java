/**
 * A closed-loop, non-blocking echo load generator that verifies every byte it gets back.
 */
package io.tcpgateway.bench.load;
