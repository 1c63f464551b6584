package io.tcpgateway.forward.tcp;

import java.util.ArrayDeque;
import java.util.concurrent.Future;

import io.micrometer.observation.Observation;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.handler.TcpConnectionContext;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One client bridged to its own upstream connection: frames go both ways as they come,
 * and when either side closes the other is closed.
 *
 * <p>
 * Frames the client sends while its upstream connection is still being opened wait here,
 * each as a request kept open ({@link ReplySink#async()}) until it is written upstream.
 * The wait is bounded without a limit of its own: open requests count against
 * {@code handler.max-in-flight}, past which the gateway stops reading from the client, so
 * at most that many frames wait and TCP flow control holds back the rest.
 */
final class ClientLink implements UpstreamLink {

	private enum State {

		CONNECTING, OPEN, CLOSED

	}

	private record Waiting(byte[] payload, ReplySink replies) {
	}

	private final TcpConnectionContext client;

	private final UpstreamClient upstream;

	private final UpstreamObservations observations;

	/**
	 * The client connection's observation ({@code tcp.gateway.connection}), the parent of
	 * the upstream connection's own, which starts on the connect thread; dropped once
	 * that has started. Not whatever is current where the connection is asked for:
	 * nothing is at the open event, and a request is when the first frame asks for it, a
	 * trace far shorter than the connection.
	 */
	private volatile Observation parent;

	/** The upstream connection's observation while it is open. */
	private volatile Observation observation = Observation.NOOP;

	private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

	private State state = State.CONNECTING;

	private TcpConnection connection;

	private Future<TcpConnection> connecting;

	private boolean connectStarted;

	/**
	 * @param parent the client connection's observation, {@code null} when not observed
	 */
	ClientLink(TcpConnectionContext client, Observation parent, UpstreamClient upstream,
			UpstreamObservations observations) {
		this.client = client;
		this.parent = parent;
		this.upstream = upstream;
		this.observations = observations;
	}

	TcpConnectionContext client() {
		return this.client;
	}

	/**
	 * @return {@code true} once only: the caller is to open the upstream connection
	 */
	synchronized boolean startConnecting() {
		if (this.connectStarted || this.state != State.CONNECTING) {
			return false;
		}
		this.connectStarted = true;
		return true;
	}

	@Override
	public void upstreamOpened(String connectionId, Upstream upstream) {
		this.observation = this.observations.connection(this.parent, upstream, connectionId, this.client.id());
		this.parent = null;
	}

	/**
	 * A frame from the client, called one at a time in the client's order (the gateway's
	 * serial handler executor); written upstream on this thread, outside the lock, so
	 * that a write waiting for a slow upstream holds up nothing else.
	 */
	void clientMessage(byte[] payload, ReplySink replies) {
		TcpConnection open;
		synchronized (this) {
			if (this.state == State.CONNECTING) {
				this.waiting.add(new Waiting(payload, replies.async()));
				return;
			}
			// closed: the upstream is gone and the client is being closed, so the frame
			// has nowhere to go
			open = (this.state == State.OPEN) ? this.connection : null;
		}
		if (open != null) {
			this.upstream.send(open, payload);
		}
	}

	/**
	 * @param connecting the attempt to open this client's upstream connection, cancelled
	 * should the client leave first
	 */
	void connecting(Future<TcpConnection> connecting) {
		boolean closed;
		synchronized (this) {
			this.connecting = connecting;
			closed = this.state == State.CLOSED;
		}
		if (closed) {
			connecting.cancel(false);
		}
	}

	/**
	 * The upstream connection is open: write what waits, in order, then pass frames on as
	 * they come.
	 */
	synchronized void connected(TcpConnection connection) {
		if (this.state == State.CLOSED) {
			connection.close();
			return;
		}
		this.connection = connection;
		this.state = State.OPEN;
		for (Waiting frame = this.waiting.poll(); frame != null; frame = this.waiting.poll()) {
			this.upstream.send(connection, frame.payload());
			frame.replies().complete();
		}
	}

	/** The upstream could not be reached: the client is closed. */
	void connectFailed() {
		closeClient();
	}

	@Override
	public void upstreamMessage(byte[] payload) {
		this.client.send(payload);
	}

	/**
	 * Close the client once what it is owed is written: the upstream's frames already
	 * pushed are in its outbound queue ahead of the close.
	 */
	@Override
	public void upstreamClosed(Upstream upstream) {
		boolean clientOpen = this.client.isOpen();
		if (clientOpen) {
			upstream.metrics().error(ForwardTcpMetrics.Error.CLOSED);
		}
		UpstreamObservations.stop(this.observation,
				clientOpen ? UpstreamObservations.UPSTREAM_CLOSED : UpstreamObservations.CLIENT_CLOSED, null);
		closeClient();
	}

	private void closeClient() {
		synchronized (this) {
			this.state = State.CLOSED;
			// frames that waited for the upstream will not be written: the requests end
			// so the client's close is not held up by them
			for (Waiting frame = this.waiting.poll(); frame != null; frame = this.waiting.poll()) {
				frame.replies().complete();
			}
		}
		this.client.close();
	}

	/**
	 * The client closed: close its upstream connection, or cancel the attempt to open it
	 * (which closes it should it open all the same).
	 */
	void clientClosed() {
		TcpConnection open;
		Future<TcpConnection> attempt;
		synchronized (this) {
			open = this.connection;
			attempt = this.connecting;
			this.state = State.CLOSED;
			this.waiting.clear();
		}
		if (open != null) {
			open.close();
		}
		else if (attempt != null) {
			attempt.cancel(false);
		}
	}

}
