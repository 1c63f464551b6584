package io.tcpgateway.flow;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.Observation;
import io.tcpgateway.handler.ReplySink;
import io.tcpgateway.observation.TcpRequestObservationContext;
import io.tcpgateway.observation.TcpRequestOutcome;

/**
 * The reply sink of one request; ordering is left to the connection's
 * {@link ReplySequencer}, whose lock guards the state here.
 */
final class RequestReplies implements ReplySink {

	private final ReplySequencer sequencer;

	/** What a failure of this request does. */
	private final RequestFailures failures;

	private final GatewayConnectionContext context;

	private final long startedNanos;

	private List<byte[]> held = List.of();

	private boolean complete;

	private volatile boolean async;

	/**
	 * Whether it is open as the oldest request without being queued: see OpenRequests.
	 */
	private boolean markedOldest;

	/** The request's observation until it ends, or {@code null} when not observed. */
	private Observation observation;

	/**
	 * @param observation the request's started observation, or {@code null}
	 */
	RequestReplies(ReplySequencer sequencer, RequestFailures failures, GatewayConnectionContext context,
			long startedNanos, Observation observation) {
		this.sequencer = sequencer;
		this.failures = failures;
		this.context = context;
		this.startedNanos = startedNanos;
		this.observation = observation;
	}

	long startedNanos() {
		return this.startedNanos;
	}

	@Override
	public ReplySink send(byte[] reply) {
		this.sequencer.send(this, reply);
		return this;
	}

	@Override
	public ReplySink async() {
		this.async = true;
		this.sequencer.keptOpen(this);
		return this;
	}

	@Override
	public void complete() {
		this.sequencer.complete(this);
	}

	@Override
	public void fail(Throwable cause) {
		this.failures.failed(this.context, this, cause);
	}

	/** Count a reply in the request's observation. */
	void observeReply(int bytes) {
		if (this.observation != null) {
			observed().addReplyBytes(bytes);
		}
	}

	/** Say how the request ended, unless an earlier cause already did. */
	void observeOutcome(TcpRequestOutcome outcome, Throwable error) {
		if (this.observation != null && observed().getOutcome() == null) {
			observed().setOutcome(outcome);
			if (error != null) {
				this.observation.error(error);
			}
		}
	}

	/**
	 * End the request's observation: the caller stops it.
	 * @return the observation, or {@code null} when not observed or already ended
	 */
	Observation endObservation() {
		Observation ended = this.observation;
		if (ended != null) {
			TcpRequestObservationContext observed = observed();
			if (observed.getOutcome() == null) {
				observed.setOutcome(
						(observed.getReplyBytes() > 0) ? TcpRequestOutcome.REPLIED : TcpRequestOutcome.NO_REPLY);
			}
			this.observation = null;
		}
		return ended;
	}

	/**
	 * End the observation of a request its connection's close left open: the caller stops
	 * it.
	 * @return the observation, or {@code null} when complete, not observed or ended
	 */
	Observation endAsClosed() {
		if (this.complete) {
			return null;
		}
		observeOutcome(TcpRequestOutcome.CLOSED, null);
		return endObservation();
	}

	private TcpRequestObservationContext observed() {
		return (TcpRequestObservationContext) this.observation.getContext();
	}

	boolean isAsync() {
		return this.async;
	}

	boolean isComplete() {
		return this.complete;
	}

	boolean isMarkedOldest() {
		return this.markedOldest;
	}

	void markOldest(boolean marked) {
		this.markedOldest = marked;
	}

	void markComplete() {
		this.complete = true;
	}

	void hold(byte[] reply) {
		if (this.held.isEmpty()) {
			this.held = new ArrayList<>();
		}
		this.held.add(reply);
	}

	/**
	 * Send the replies held so far, in order, and hold none from now on.
	 * @return their bytes
	 */
	long sendHeld(ConnectionOutboundChannel channel) {
		if (this.held.isEmpty()) {
			return 0;
		}
		List<byte[]> taken = this.held;
		this.held = List.of();
		long bytes = 0;
		for (byte[] reply : taken) {
			bytes += reply.length;
			channel.send(reply);
		}
		return bytes;
	}

}
