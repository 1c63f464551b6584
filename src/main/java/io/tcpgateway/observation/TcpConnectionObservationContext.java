package io.tcpgateway.observation;

import java.net.InetSocketAddress;

import io.micrometer.observation.Observation;

/**
 * What the observation of one connection ({@code tcp.gateway.connection}) knows: its id,
 * its client, its framing and why it closed.
 */
public class TcpConnectionObservationContext extends Observation.Context {

	private final String connectionId;

	private final String framing;

	private volatile InetSocketAddress client;

	private volatile String closeReason;

	/**
	 * @param connectionId the connection's id
	 * @param client the client's address and port
	 * @param framing the listener's framing, as {@code tcp-gateway.framing} names it
	 */
	public TcpConnectionObservationContext(String connectionId, InetSocketAddress client, String framing) {
		this.connectionId = connectionId;
		this.client = client;
		this.framing = framing;
	}

	public String getConnectionId() {
		return this.connectionId;
	}

	/**
	 * @return the client's address and port: behind a load balancer, the ones its PROXY
	 * header gave once it is read
	 */
	public InetSocketAddress getClient() {
		return this.client;
	}

	public void setClient(InetSocketAddress client) {
		this.client = client;
	}

	public String getFraming() {
		return this.framing;
	}

	/**
	 * @return why the connection closed, as the {@code tcp.gateway.connections.closed}
	 * meter's {@code reason} tag says, or {@code null} while it is open
	 */
	public String getCloseReason() {
		return this.closeReason;
	}

	public void setCloseReason(String closeReason) {
		this.closeReason = closeReason;
	}

}
