package io.tcpgateway.flow;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.handler.ReplySink;

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

	RequestReplies(ReplySequencer sequencer, RequestFailures failures, GatewayConnectionContext context,
			long startedNanos) {
		this.sequencer = sequencer;
		this.failures = failures;
		this.context = context;
		this.startedNanos = startedNanos;
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

	boolean isAsync() {
		return this.async;
	}

	boolean isComplete() {
		return this.complete;
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

	List<byte[]> takeHeld() {
		List<byte[]> taken = this.held;
		this.held = List.of();
		return taken;
	}

}
