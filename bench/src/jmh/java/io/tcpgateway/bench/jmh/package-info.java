/**
 * JMH micro-benchmarks of the gateway's frame decoding; run with {@code bench/jmh.sh}.
 */
package io.tcpgateway.bench.jmh;
