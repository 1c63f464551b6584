package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * One client thread's share of the connections, driven by its own selector: it keeps each
 * connection's pipeline full, verifies every reply and records the latency of replies
 * received in the measured window.
 */
final class ClientLoop {

	/** Longest latency the histogram tracks; longer ones are recorded as this value. */
	static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);

	private static final long TIMEOUT_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long MAX_SELECT_MILLIS = 100;

	private final Selector selector;

	private final List<EchoConnection> connections = new ArrayList<>();

	private final Framing framing;

	private final Payloads payloads;

	private final int pipeline;

	private final long replyTimeoutNanos;

	private final ErrorLog errorLog;

	private final Supplier<Wire> wires;

	private final byte[] sendScratch;

	private final byte[] checkScratch;

	private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);

	private final long[] errors = new long[ErrorKind.values().length];

	/**
	 * Verified replies so far; written by the loop thread only, read for progress lines.
	 */
	private volatile long replies;

	private long measuredReplies;

	private long measureStart;

	private long measureEnd;

	private int busy;

	ClientLoop(Framing framing, Payloads payloads, int pipeline, long replyTimeoutNanos, ErrorLog errorLog,
			Supplier<Wire> wires) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.framing = framing;
		this.payloads = payloads;
		this.pipeline = pipeline;
		this.replyTimeoutNanos = replyTimeoutNanos;
		this.errorLog = errorLog;
		this.wires = wires;
		this.sendScratch = payloads.newBuffer();
		this.checkScratch = payloads.newBuffer();
	}

	/** Take over a connected channel; only while the loop is not running. */
	void register(int id, SocketChannel channel) throws IOException {
		EchoConnection connection = new EchoConnection(id, channel, this.wires.get(),
				this.framing.frameLength(this.payloads.size()), this.pipeline);
		connection.key(channel.register(this.selector, SelectionKey.OP_READ, connection));
		this.connections.add(connection);
	}

	/**
	 * Send and verify until the deadline, or until every connection has sent its budget
	 * and been answered.
	 * @param budgetPerConnection messages each connection may send in this run
	 * @param measureFrom replies received from this {@link System#nanoTime()} on are
	 * measured
	 * @param deadline when the run ends, replies in flight or not
	 */
	void run(long budgetPerConnection, long measureFrom, long deadline) throws IOException {
		this.measureStart = measureFrom;
		this.measureEnd = deadline;
		this.busy = 0;
		long now = System.nanoTime();
		for (EchoConnection connection : this.connections) {
			if (!connection.closed()) {
				connection.budget(budgetPerConnection);
				sendWhatFits(connection, now);
				this.busy += connection.busy() ? 1 : 0;
			}
		}
		long nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
		while (this.busy > 0 && (now = System.nanoTime()) < deadline) {
			long waitMillis = Math.max(1, Math.min(MAX_SELECT_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - now)));
			this.selector.select(waitMillis);
			Iterator<SelectionKey> selected = this.selector.selectedKeys().iterator();
			while (selected.hasNext()) {
				SelectionKey key = selected.next();
				selected.remove();
				handle(key);
			}
			if (now >= nextTimeoutCheck) {
				failTimedOut(now);
				nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
			}
		}
	}

	private void handle(SelectionKey key) {
		EchoConnection connection = (EchoConnection) key.attachment();
		boolean wasBusy = connection.busy();
		try {
			if (key.isValid() && key.isWritable()) {
				connection.flush();
			}
			if (key.isValid() && key.isReadable()) {
				read(connection);
				// A TLS handshake that a read advanced may now let queued messages go.
				if (!connection.closed() && connection.wantsWrite()) {
					connection.flush();
				}
			}
		}
		catch (IOException ex) {
			fail(connection, ErrorKind.of(ex), ex.toString());
		}
		if (wasBusy && !connection.busy()) {
			this.busy--;
		}
	}

	private void read(EchoConnection connection) throws IOException {
		ByteBuffer in = connection.in();
		if (connection.wire().read(in) < 0) {
			fail(connection, ErrorKind.CLOSED,
					"closed by the server after " + connection.nextReplySequence() + " replies");
			return;
		}
		long now = System.nanoTime();
		in.flip();
		try {
			int frameLength;
			while ((frameLength = this.framing.completeFrameLength(in, this.payloads.size())) > 0) {
				if (!verify(connection, in, now)) {
					return;
				}
				in.position(in.position() + frameLength);
			}
		}
		catch (CorruptReplyException ex) {
			fail(connection, ErrorKind.CORRUPT, ex.getMessage());
			return;
		}
		in.compact();
		sendWhatFits(connection, now);
	}

	private boolean verify(EchoConnection connection, ByteBuffer in, long now) {
		if (connection.inFlight() == 0) {
			fail(connection, ErrorKind.UNEXPECTED, "reply received with no message in flight");
			return false;
		}
		byte[] received = in.array();
		int offset = in.arrayOffset() + in.position() + this.framing.payloadOffset();
		long expected = connection.nextReplySequence();
		if (!this.payloads.matches(received, offset, connection.id(), expected, this.checkScratch)) {
			long claimed = this.payloads.claimedSequence(received, offset, connection.id(), this.checkScratch);
			if (claimed >= 0) {
				fail(connection, ErrorKind.OUT_OF_ORDER, "reply " + claimed + " where " + expected + " was expected");
			}
			else {
				fail(connection, ErrorKind.CORRUPT, "reply " + expected + " differs from the message sent");
			}
			return false;
		}
		long sentAt = connection.replied();
		this.replies++;
		if (now >= this.measureStart && now < this.measureEnd) {
			this.measuredReplies++;
			this.latency.recordValue(Math.min(MAX_LATENCY_MICROS, TimeUnit.NANOSECONDS.toMicros(now - sentAt)));
		}
		return true;
	}

	private void sendWhatFits(EchoConnection connection, long now) {
		if (!connection.canSend()) {
			return;
		}
		while (connection.canSend()) {
			connection.queue(this.framing, this.payloads, this.sendScratch, now);
		}
		try {
			connection.flush();
		}
		catch (IOException ex) {
			fail(connection, ErrorKind.of(ex), ex.toString());
		}
	}

	private void failTimedOut(long now) {
		for (EchoConnection connection : this.connections) {
			if (!connection.closed() && connection.inFlight() > 0
					&& now - connection.oldestSendTime() > this.replyTimeoutNanos) {
				fail(connection, ErrorKind.TIMEOUT, "no reply to message " + connection.nextReplySequence() + " within "
						+ TimeUnit.NANOSECONDS.toMillis(this.replyTimeoutNanos) + " ms");
				this.busy--;
			}
		}
	}

	private void fail(EchoConnection connection, ErrorKind kind, String detail) {
		if (connection.closed()) {
			return;
		}
		this.errors[kind.ordinal()]++;
		this.errorLog.report(connection.id(), kind, detail);
		connection.close();
	}

	long replies() {
		return this.replies;
	}

	long measuredReplies() {
		return this.measuredReplies;
	}

	Histogram latency() {
		return this.latency;
	}

	long[] errors() {
		return this.errors.clone();
	}

	/**
	 * Open connections whose oldest message in flight has waited longer than the
	 * threshold.
	 */
	int stalledConnections(long now, long thresholdNanos) {
		return (int) this.connections.stream()
			.filter((connection) -> !connection.closed() && connection.inFlight() > 0
					&& now - connection.oldestSendTime() > thresholdNanos)
			.count();
	}

	int openConnections() {
		return (int) this.connections.stream().filter((connection) -> !connection.closed()).count();
	}

	void close() {
		this.connections.forEach(EchoConnection::close);
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Closing at the end of a run: nothing left to release.
		}
	}

}
