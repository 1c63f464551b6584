package io.tcpgateway.observation;

import java.net.InetSocketAddress;

import io.micrometer.observation.Observation;

/**
 * What the observation of one request ({@code tcp.gateway.request}) knows: the connection
 * it came on, how it was framed and handled, its size, its replies' size and how it
 * ended.
 */
public class TcpRequestObservationContext extends Observation.Context {

	private final String connectionId;

	private final InetSocketAddress client;

	private final String framing;

	private final String handler;

	private final int requestBytes;

	private long replyBytes;

	private TcpRequestOutcome outcome;

	/**
	 * @param connectionId the id of the request's connection
	 * @param client the client's address and port: behind a load balancer, the ones its
	 * PROXY header gave
	 * @param framing the listener's framing, as {@code tcp-gateway.framing} names it
	 * @param handler what answers: {@code echo}, {@code handler}, {@code flow},
	 * {@code forward-http} or {@code forward-tcp}
	 * @param requestBytes the request's payload size
	 */
	public TcpRequestObservationContext(String connectionId, InetSocketAddress client, String framing, String handler,
			int requestBytes) {
		this.connectionId = connectionId;
		this.client = client;
		this.framing = framing;
		this.handler = handler;
		this.requestBytes = requestBytes;
	}

	public String getConnectionId() {
		return this.connectionId;
	}

	public InetSocketAddress getClient() {
		return this.client;
	}

	public String getFraming() {
		return this.framing;
	}

	public String getHandler() {
		return this.handler;
	}

	public int getRequestBytes() {
		return this.requestBytes;
	}

	/**
	 * @return the payload bytes of the replies sent so far
	 */
	public long getReplyBytes() {
		return this.replyBytes;
	}

	/**
	 * Count a reply; called under the connection's reply lock.
	 * @param bytes its payload size
	 */
	public void addReplyBytes(long bytes) {
		this.replyBytes += bytes;
	}

	/**
	 * @return how the request ended, or {@code null} while it is open
	 */
	public TcpRequestOutcome getOutcome() {
		return this.outcome;
	}

	public void setOutcome(TcpRequestOutcome outcome) {
		this.outcome = outcome;
	}

}
