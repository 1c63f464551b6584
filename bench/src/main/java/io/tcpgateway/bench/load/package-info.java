/**
 * A closed-loop, non-blocking echo load generator that verifies every byte it gets back;
 * it can also hold idle connections or churn through short-lived ones.
 */
package io.tcpgateway.bench.load;
