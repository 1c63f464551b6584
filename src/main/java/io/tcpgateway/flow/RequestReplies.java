package io.tcpgateway.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tcpgateway.handler.ReplySink;

/**
 * The reply sink of one request; ordering is left to the connection's
 * {@link ReplySequencer}, whose lock guards the state here.
 */
final class RequestReplies implements ReplySink {

	private final ReplySequencer sequencer;

	private final Consumer<Throwable> onFailure;

	private final long startedNanos;

	private List<byte[]> held = List.of();

	private boolean complete;

	private volatile boolean async;

	RequestReplies(ReplySequencer sequencer, Consumer<Throwable> onFailure, long startedNanos) {
		this.sequencer = sequencer;
		this.onFailure = onFailure;
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
		this.onFailure.accept(cause);
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
