package io.tcpgateway.forward.tcp;

/**
 * What the bridge counts; the Micrometer implementation names the meters. What concerns
 * one upstream is counted by its {@link UpstreamMetrics}.
 */
interface ForwardTcpMetrics {

	/** Counts nothing, for when no meter registry is present. */
	ForwardTcpMetrics NONE = new ForwardTcpMetrics() {
	};

	/** Reasons a forwarded frame or an upstream connection failed. */
	enum Error {

		/** A connection attempt failed or was not made during the backoff. */
		CONNECT,

		/**
		 * Too many connection attempts were waiting already: the client was refused
		 * without one.
		 */
		OVERLOADED,

		/**
		 * No upstream could be tried: for a client (per-connection mode) every upstream
		 * was down, in its backoff or tried already; for a request (shared mode) no
		 * upstream connection was open.
		 */
		UNAVAILABLE,

		/** In shared mode, a reply did not come within the reply timeout. */
		TIMEOUT,

		/** The upstream connection closed under a client or under requests waiting. */
		CLOSED,

		/** In shared mode, a frame came from the upstream when no request waited. */
		UNEXPECTED

	}

	/**
	 * A failure that concerns no one upstream ({@link Error#OVERLOADED},
	 * {@link Error#UNAVAILABLE}).
	 */
	default void error(Error reason) {
	}

	/** A client's connection attempt failed and another upstream is tried. */
	default void retried() {
	}

	/**
	 * @param upstream the upstream's {@code address:port}
	 * @param connections its open connections, read by a gauge
	 * @param up 1 while it is up, else 0, read by a gauge
	 * @return what is counted for it
	 */
	default UpstreamMetrics upstream(String upstream, java.util.function.IntSupplier connections,
			java.util.function.IntSupplier up) {
		return UpstreamMetrics.NONE;
	}

}
