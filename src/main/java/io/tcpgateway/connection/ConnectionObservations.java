package io.tcpgateway.connection;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.observation.DefaultTcpConnectionObservationConvention;
import io.tcpgateway.observation.TcpConnectionObservationContext;
import io.tcpgateway.observation.TcpConnectionObservationConvention;
import io.tcpgateway.observation.TcpGatewayObservations;

/**
 * Observes each connection, open to close ({@code tcp.gateway.connection}), when the
 * gateway observes at all. A connection lives for days, so its requests are traces of
 * their own, not its children (they share its {@code tcp.connection.id}): its observation
 * is current on an I/O thread only while a line about the connection is logged (a client
 * error, the access log line), and requests start with no parent whatever is current.
 */
public final class ConnectionObservations {

	/** Connections not observed. */
	public static final ConnectionObservations NONE = new ConnectionObservations(TcpGatewayObservations.NONE, null);

	private static final TcpConnectionObservationConvention DEFAULT = new DefaultTcpConnectionObservationConvention();

	private final ObservationRegistry registry;

	private final boolean enabled;

	/** The application's convention, or {@code null} for the default. */
	private final TcpConnectionObservationConvention custom;

	/**
	 * @param observations the registry the gateway observes through
	 * @param custom the application's convention, or {@code null} for the default
	 */
	public ConnectionObservations(TcpGatewayObservations observations, TcpConnectionObservationConvention custom) {
		this.registry = observations.registry();
		this.enabled = observations.enabled();
		this.custom = custom;
	}

	/**
	 * @return the started observation of a connection that joined the live ones, or
	 * {@code null} when not observed
	 */
	Observation opened(Connection connection) {
		if (!this.enabled) {
			return null;
		}
		TcpConnectionObservationContext observed = new TcpConnectionObservationContext(connection.getConnectionId(),
				connection.remoteSocketAddress(), connection.session().settings().framing().toString());
		// started with no parent: whatever an I/O thread has current is not its parent
		Observation observation = Observation.createNotStarted(this.custom, DEFAULT, () -> observed, this.registry)
			.parentObservation(null)
			.start();
		return observation.isNoop() ? null : observation;
	}

	/** A connection's PROXY header named its client. */
	static void clientKnown(Observation observation, Connection connection) {
		if (observation != null) {
			((TcpConnectionObservationContext) observation.getContext()).setClient(connection.remoteSocketAddress());
		}
	}

	/** A connection left the live connections, for the reason counted. */
	static void closed(Observation observation, CloseReason reason) {
		if (observation != null) {
			((TcpConnectionObservationContext) observation.getContext()).setCloseReason(reason.tagValue());
			observation.stop();
		}
	}

	/**
	 * Open the connection's observation on this thread, for the logs written about it, so
	 * that they carry its trace.
	 * @return the scope to close, {@link Observation.Scope#NOOP} when not observed
	 */
	static Observation.Scope openScope(Observation observation) {
		return (observation != null) ? observation.openScope() : Observation.Scope.NOOP;
	}

}
