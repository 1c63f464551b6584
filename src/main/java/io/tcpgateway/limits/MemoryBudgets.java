package io.tcpgateway.limits;

/**
 * The gateway's two memory budgets, one for each direction.
 *
 * @param inbound bytes held for incomplete frames: frame decoders' kept bytes, partial
 * TLS records and an unfinished PROXY header
 * @param outbound reply bytes waiting to be written, all connections together
 */
public record MemoryBudgets(MemoryBudget inbound, MemoryBudget outbound) {
}
