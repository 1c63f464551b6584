package io.tcpgateway.forward.tcp;

/**
 * What the bridge counts; the Micrometer implementation names the meters.
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

		/** In shared mode, no upstream connection was open for a request. */
		UNAVAILABLE,

		/** In shared mode, a reply did not come within the reply timeout. */
		TIMEOUT,

		/** The upstream connection closed under a client or under requests waiting. */
		CLOSED,

		/** In shared mode, a frame came from the upstream when no request waited. */
		UNEXPECTED

	}

	default void error(Error reason) {
	}

	default void connected() {
	}

	default void sent() {
	}

	default void received() {
	}

	/**
	 * @param nanos from a request written upstream to its reply
	 */
	default void replied(long nanos) {
	}

	/**
	 * @param connections how many upstream connections are open now, read by a gauge
	 */
	default void watch(java.util.function.IntSupplier connections) {
	}

}
