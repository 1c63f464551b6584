package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

/**
 * One client thread's share of the churn slots, driven by its own selector: each slot
 * opens a connection, sends one message, verifies the echo, closes the connection and
 * starts over, so that at most one connection per slot is open at a time.
 */
final class ChurnLoop {

	/** How long a slot waits after a failed attempt before the next one. */
	static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long TIMEOUT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long MAX_SELECT_MILLIS = 100;

	private final Selector selector;

	private final InetSocketAddress address;

	private final Framing framing;

	private final Payloads payloads;

	private final int frameLength;

	private final long connectTimeoutNanos;

	private final long replyTimeoutNanos;

	private final ErrorLog errorLog;

	private final Supplier<Wire> wires;

	private final List<Slot> slots = new ArrayList<>();

	/** Slots to start again now. */
	private final ArrayDeque<Slot> ready = new ArrayDeque<>();

	/** Slots pausing after a failure, in the order their pauses end. */
	private final ArrayDeque<Slot> pausing = new ArrayDeque<>();

	private final byte[] scratch;

	private final Histogram latency = new Histogram(ClientLoop.MAX_LATENCY_MICROS, 3);

	private final long[] errors = new long[ErrorKind.values().length];

	/** Completed connections so far; written by the loop thread only. */
	private volatile long completed;

	/** Failed connection attempts so far; written by the loop thread only. */
	private volatile long connectFailures;

	/**
	 * Failed connections of any {@link ErrorKind} so far; written by the loop thread
	 * only.
	 */
	private volatile long failed;

	private long measuredCompleted;

	private long measureStart;

	private long measureEnd;

	private int stalled;

	private boolean portsExhaustedReported;

	ChurnLoop(InetSocketAddress address, Framing framing, Payloads payloads, long connectTimeoutNanos,
			long replyTimeoutNanos, ErrorLog errorLog, Supplier<Wire> wires) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.address = address;
		this.framing = framing;
		this.payloads = payloads;
		this.frameLength = framing.frameLength(payloads.size());
		this.connectTimeoutNanos = connectTimeoutNanos;
		this.replyTimeoutNanos = replyTimeoutNanos;
		this.errorLog = errorLog;
		this.wires = wires;
		this.scratch = payloads.newBuffer();
	}

	/** Add a slot; only while the loop is not running. */
	void add(int id) {
		this.slots.add(new Slot(id, this.frameLength, this.wires.get()));
	}

	/**
	 * Churn until the deadline, then close whatever is still open.
	 * @param measureFrom connections completed from this {@link System#nanoTime()} on are
	 * measured
	 * @param deadline when the run ends; no connection is opened after it
	 */
	void run(long measureFrom, long deadline) throws IOException {
		this.measureStart = measureFrom;
		this.measureEnd = deadline;
		this.ready.addAll(this.slots);
		long now = System.nanoTime();
		long nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
		while ((now = System.nanoTime()) < deadline) {
			startReady(now, deadline);
			long waitNanos = Math.min(deadline - now, TimeUnit.MILLISECONDS.toNanos(MAX_SELECT_MILLIS));
			if (!this.pausing.isEmpty()) {
				waitNanos = Math.min(waitNanos, this.pausing.peekFirst().retryAt - now);
			}
			if (!this.ready.isEmpty() || waitNanos < TimeUnit.MILLISECONDS.toNanos(1)) {
				this.selector.selectNow();
			}
			else {
				this.selector.select(TimeUnit.NANOSECONDS.toMillis(waitNanos));
			}
			Iterator<SelectionKey> selected = this.selector.selectedKeys().iterator();
			while (selected.hasNext()) {
				SelectionKey key = selected.next();
				selected.remove();
				handle(key);
			}
			now = System.nanoTime();
			if (now >= nextTimeoutCheck) {
				failTimedOut(now);
				nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
			}
		}
		finish(System.nanoTime());
	}

	private void startReady(long now, long deadline) {
		while (!this.pausing.isEmpty() && this.pausing.peekFirst().retryAt <= now) {
			this.ready.addLast(this.pausing.pollFirst());
		}
		Slot slot;
		while (now < deadline && (slot = this.ready.pollFirst()) != null) {
			start(slot, now);
			now = System.nanoTime();
		}
	}

	private void start(Slot slot, long now) {
		slot.cycle++;
		slot.cycleStart = now;
		slot.phaseStart = now;
		this.payloads.fill(this.scratch, slot.id, slot.cycle);
		slot.out.clear();
		this.framing.encode(this.scratch, slot.out);
		slot.out.flip();
		slot.in.clear();
		SocketChannel channel;
		try {
			channel = SocketChannel.open();
		}
		catch (IOException ex) {
			connectFailed(slot, ex.toString());
			return;
		}
		slot.channel = channel;
		try {
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (channel.connect(this.address)) {
				slot.key = channel.register(this.selector, 0, slot);
				connected(slot, now);
			}
			else {
				slot.connecting = true;
				slot.key = channel.register(this.selector, SelectionKey.OP_CONNECT, slot);
			}
		}
		catch (IOException ex) {
			connectFailed(slot, ex.toString());
		}
	}

	private void handle(SelectionKey key) {
		Slot slot = (Slot) key.attachment();
		if (key != slot.key || !key.isValid()) {
			return;
		}
		if (slot.connecting) {
			try {
				if (!slot.channel.finishConnect()) {
					return;
				}
			}
			catch (IOException ex) {
				connectFailed(slot, ex.toString());
				return;
			}
			connected(slot, System.nanoTime());
			return;
		}
		try {
			if (slot.key.isWritable()) {
				write(slot);
			}
			if (slot.key.isValid() && slot.key.isReadable()) {
				read(slot);
				// A TLS handshake that the read advanced may now let the message go.
				if (slot.key == key && slot.wire.wantsWrite(slot.out)) {
					write(slot);
				}
			}
		}
		catch (IOException ex) {
			fail(slot, ErrorKind.of(ex), ex.toString());
		}
	}

	private void connected(Slot slot, long now) {
		slot.connecting = false;
		slot.phaseStart = now;
		try {
			slot.wire.attach(slot.channel);
			slot.attached = true;
			write(slot);
		}
		catch (IOException ex) {
			fail(slot, ErrorKind.of(ex), ex.toString());
		}
	}

	/**
	 * Write what the socket takes; read too while writing, so that a large message echoed
	 * as it arrives cannot fill both directions.
	 */
	private void write(Slot slot) throws IOException {
		slot.wire.write(slot.out);
		slot.key.interestOps(
				slot.wire.wantsWrite(slot.out) ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
	}

	private void read(Slot slot) throws IOException {
		ByteBuffer in = slot.in;
		if (slot.wire.read(in) < 0) {
			fail(slot, ErrorKind.CLOSED,
					"closed by the server after " + in.position() + " of " + this.frameLength + " reply bytes");
			return;
		}
		in.flip();
		try {
			int length = this.framing.completeFrameLength(in, this.payloads.size());
			if (length < 0) {
				in.compact();
				return;
			}
			if (in.remaining() > length) {
				fail(slot, ErrorKind.UNEXPECTED, (in.remaining() - length) + " bytes after the reply");
				return;
			}
		}
		catch (CorruptReplyException ex) {
			fail(slot, ErrorKind.CORRUPT, ex.getMessage());
			return;
		}
		if (slot.out.hasRemaining()) {
			fail(slot, ErrorKind.UNEXPECTED, "a whole reply before the whole message was sent");
			return;
		}
		if (!this.payloads.matches(in.array(), in.arrayOffset() + this.framing.payloadOffset(), slot.id, slot.cycle,
				this.scratch)) {
			fail(slot, ErrorKind.CORRUPT, "reply differs from the message sent");
			return;
		}
		closeChannel(slot);
		long end = System.nanoTime();
		this.completed++;
		if (end >= this.measureStart && end < this.measureEnd) {
			this.measuredCompleted++;
			this.latency.recordValue(
					Math.min(ClientLoop.MAX_LATENCY_MICROS, TimeUnit.NANOSECONDS.toMicros(end - slot.cycleStart)));
		}
		this.ready.addLast(slot);
	}

	private void failTimedOut(long now) {
		for (Slot slot : this.slots) {
			if (slot.channel == null) {
				continue;
			}
			if (slot.connecting && now - slot.phaseStart > this.connectTimeoutNanos) {
				connectFailed(slot,
						"not connected within " + TimeUnit.NANOSECONDS.toMillis(this.connectTimeoutNanos) + " ms");
			}
			else if (!slot.connecting && now - slot.phaseStart > this.replyTimeoutNanos) {
				fail(slot, ErrorKind.TIMEOUT,
						"no reply within " + TimeUnit.NANOSECONDS.toMillis(this.replyTimeoutNanos) + " ms");
			}
		}
	}

	private void connectFailed(Slot slot, String detail) {
		this.connectFailures++;
		this.errorLog.report(slot.id, "connect", "attempt " + slot.cycle + ": " + detail);
		if (!this.portsExhaustedReported
				&& detail.toLowerCase(Locale.ROOT).contains("cannot assign requested address")) {
			this.portsExhaustedReported = true;
			this.errorLog.note("connect: out of ephemeral ports, probably held by TIME_WAIT sockets of earlier "
					+ "connections; see --churn in the usage");
		}
		pause(slot);
	}

	private void fail(Slot slot, ErrorKind kind, String detail) {
		this.errors[kind.ordinal()]++;
		this.failed++;
		this.errorLog.report(slot.id, kind, "attempt " + slot.cycle + ": " + detail);
		pause(slot);
	}

	private void pause(Slot slot) {
		closeChannel(slot);
		slot.retryAt = System.nanoTime() + RETRY_PAUSE_NANOS;
		this.pausing.addLast(slot);
	}

	private void closeChannel(Slot slot) {
		slot.connecting = false;
		if (slot.channel == null) {
			return;
		}
		if (slot.attached) {
			slot.wire.close();
		}
		else {
			try {
				slot.channel.close();
			}
			catch (IOException ex) {
				// The connection is done with either way.
			}
		}
		slot.attached = false;
		slot.channel = null;
		slot.key = null;
	}

	/** Close what is still open at the deadline, counting the slots waiting over 1 s. */
	private void finish(long now) throws IOException {
		for (Slot slot : this.slots) {
			if (slot.channel != null) {
				if (now - slot.cycleStart > ChurnLoad.STALL_NANOS) {
					this.stalled++;
				}
				closeChannel(slot);
			}
		}
		this.ready.clear();
		this.pausing.clear();
		this.selector.selectNow();
	}

	long completed() {
		return this.completed;
	}

	long measuredCompleted() {
		return this.measuredCompleted;
	}

	long connectFailures() {
		return this.connectFailures;
	}

	long failed() {
		return this.failed;
	}

	Histogram latency() {
		return this.latency;
	}

	long[] errors() {
		return this.errors.clone();
	}

	int stalled() {
		return this.stalled;
	}

	void close() {
		this.slots.forEach(this::closeChannel);
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Closing at the end of a run: nothing left to release.
		}
	}

	/** One connection at a time, opened over and over. */
	private static final class Slot {

		private final int id;

		private final ByteBuffer out;

		private final ByteBuffer in;

		private long cycle = -1;

		private long cycleStart;

		/** When connecting, or waiting for the reply, started. */
		private long phaseStart;

		private long retryAt;

		private SocketChannel channel;

		private SelectionKey key;

		private boolean connecting;

		/** The wire is attached to this slot's current channel. */
		private boolean attached;

		/** Reused for each of the slot's connections. */
		private final Wire wire;

		Slot(int id, int frameLength, Wire wire) {
			this.id = id;
			this.wire = wire;
			this.out = ByteBuffer.allocate(frameLength);
			this.in = ByteBuffer.allocate(frameLength + 1024);
		}

	}

}
