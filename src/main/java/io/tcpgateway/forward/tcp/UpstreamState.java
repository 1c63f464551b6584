package io.tcpgateway.forward.tcp;

/**
 * An upstream's state as health and the endpoint show it.
 */
enum UpstreamState {

	/** Passing its checks: takes new clients. */
	UP,

	/** Failing its checks: takes no new clients while another upstream is up. */
	DOWN,

	/** Drained by an operator: keeps its clients, takes no new ones. */
	DRAINING

}
