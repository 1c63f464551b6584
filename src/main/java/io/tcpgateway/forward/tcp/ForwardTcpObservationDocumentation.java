package io.tcpgateway.forward.tcp;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * What the TCP bridge observes: each exchange with a shared upstream connection, the
 * child of the observation current when the bridge took the request; and each client's
 * own upstream connection, the child of the client's connection.
 */
enum ForwardTcpObservationDocumentation implements ObservationDocumentation {

	/**
	 * Shared mode: a request written to a pooled upstream connection, until its reply,
	 * its timeout or the connection's close; one per write attempt.
	 */
	EXCHANGE {

		@Override
		public String getName() {
			return "tcp.gateway.forward.exchange";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultUpstreamObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	},

	/** Per-connection mode: a client's upstream connection, from open to close. */
	CONNECTION {

		@Override
		public String getName() {
			return "tcp.gateway.forward.connection";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultUpstreamObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** Keys of a bounded set of values, fit for meter tags. */
	enum LowCardinalityKeys implements KeyName {

		/** The upstream's {@code address:port}, as the bridge's meters tag it. */
		UPSTREAM {
			@Override
			public String asString() {
				return "upstream";
			}
		},

		/** {@code shared} or {@code per-connection}. */
		MODE {
			@Override
			public String asString() {
				return "mode";
			}
		},

		/**
		 * How it ended: {@code success}, {@code timeout}, {@code closed},
		 * {@code not-written} (the write failed and the request went to another
		 * connection); for a connection {@code upstream-closed} or {@code client-closed}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** Keys of values without a bound, for traces only. */
	enum HighCardinalityKeys implements KeyName {

		/** The upstream connection's id. */
		UPSTREAM_CONNECTION_ID {
			@Override
			public String asString() {
				return "upstream.connection.id";
			}
		},

		/** The client connection's id. */
		CLIENT_CONNECTION_ID {
			@Override
			public String asString() {
				return "client.connection.id";
			}
		}

	}

}
