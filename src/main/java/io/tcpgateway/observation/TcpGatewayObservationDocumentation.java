package io.tcpgateway.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The gateway's observations and their keys.
 */
public enum TcpGatewayObservationDocumentation implements ObservationDocumentation {

	/**
	 * One request: from its frame decoded to its last reply, its failure, its timeout or
	 * its connection's close. A trace of its own: not a child of its connection's.
	 */
	REQUEST {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTcpRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return RequestLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return RequestHighCardinalityKeyNames.values();
		}
	},

	/** One connection, open to close. */
	CONNECTION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTcpConnectionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ConnectionLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return ConnectionHighCardinalityKeyNames.values();
		}
	};

	/** A request's keys of few values. */
	public enum RequestLowCardinalityKeyNames implements KeyName {

		/** The listener's framing, as {@code tcp-gateway.framing} names it. */
		FRAMING {
			@Override
			public String asString() {
				return "framing";
			}
		},

		/**
		 * What answered: {@code echo}, {@code handler}, {@code flow},
		 * {@code forward-http} or {@code forward-tcp}.
		 */
		HANDLER {
			@Override
			public String asString() {
				return "handler";
			}
		},

		/**
		 * How it ended: {@code replied}, {@code no-reply}, {@code error}, {@code timeout}
		 * or {@code closed}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** A request's keys of many values. */
	public enum RequestHighCardinalityKeyNames implements KeyName {

		/** The id of its connection, shared with the connection's observation. */
		CONNECTION_ID {
			@Override
			public String asString() {
				return "tcp.connection.id";
			}
		},

		/** The client's address. */
		CLIENT_ADDRESS {
			@Override
			public String asString() {
				return "client.address";
			}
		},

		/** The client's port. */
		CLIENT_PORT {
			@Override
			public String asString() {
				return "client.port";
			}
		},

		/** The request's payload size in bytes. */
		REQUEST_BYTES {
			@Override
			public String asString() {
				return "tcp.request.bytes";
			}
		},

		/**
		 * The payload bytes of its replies, as sent to the client: when it timed out, the
		 * error reply sent in place of the missing ones is counted, since the client
		 * receives it.
		 */
		REPLY_BYTES {
			@Override
			public String asString() {
				return "tcp.reply.bytes";
			}
		}

	}

	/** A connection's keys of few values. */
	public enum ConnectionLowCardinalityKeyNames implements KeyName {

		/** The listener's framing, as {@code tcp-gateway.framing} names it. */
		FRAMING {
			@Override
			public String asString() {
				return "framing";
			}
		},

		/**
		 * Why it closed, as the {@code reason} tag of
		 * {@code tcp.gateway.connections.closed}.
		 */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		}

	}

	/** A connection's keys of many values. */
	public enum ConnectionHighCardinalityKeyNames implements KeyName {

		/** Its id, shared with its requests' observations. */
		CONNECTION_ID {
			@Override
			public String asString() {
				return "tcp.connection.id";
			}
		},

		/** The client's address. */
		CLIENT_ADDRESS {
			@Override
			public String asString() {
				return "client.address";
			}
		},

		/** The client's port. */
		CLIENT_PORT {
			@Override
			public String asString() {
				return "client.port";
			}
		}

	}

}
