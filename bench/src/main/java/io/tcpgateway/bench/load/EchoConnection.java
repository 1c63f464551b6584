package io.tcpgateway.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection: its send and receive buffers, and the send times of the messages
 * in flight, oldest first, since an echo server answers a connection's messages in order.
 */
final class EchoConnection {

	private final int id;

	private final SocketChannel channel;

	private final Wire wire;

	private final ByteBuffer in;

	private final ByteBuffer out;

	private final long[] sendTimes;

	private SelectionKey key;

	private int oldest;

	private int inFlight;

	private long nextSendSequence;

	private long nextReplySequence;

	private long budget;

	private boolean closed;

	EchoConnection(int id, SocketChannel channel, Wire wire, int frameLength, int pipeline) throws IOException {
		this.id = id;
		this.channel = channel;
		this.wire = wire;
		wire.attach(channel);
		this.in = ByteBuffer.allocate(Math.max(1024, 2 * frameLength * pipeline));
		this.out = ByteBuffer.allocate(frameLength * pipeline).flip();
		this.sendTimes = new long[pipeline];
	}

	int id() {
		return this.id;
	}

	Wire wire() {
		return this.wire;
	}

	void key(SelectionKey key) {
		this.key = key;
	}

	ByteBuffer in() {
		return this.in;
	}

	int inFlight() {
		return this.inFlight;
	}

	long budget() {
		return this.budget;
	}

	void budget(long budget) {
		this.budget = budget;
	}

	boolean closed() {
		return this.closed;
	}

	boolean busy() {
		return !this.closed && (this.inFlight > 0 || this.budget > 0);
	}

	long nextReplySequence() {
		return this.nextReplySequence;
	}

	/** Room for more messages: the pipeline is not full and the budget is not spent. */
	boolean canSend() {
		return !this.closed && this.inFlight < this.sendTimes.length && this.budget > 0;
	}

	/** Queue the next message; {@link #flush()} writes it. */
	void queue(Framing framing, Payloads payloads, byte[] scratch, long now) {
		payloads.fill(scratch, this.id, this.nextSendSequence++);
		this.out.compact();
		framing.encode(scratch, this.out);
		this.out.flip();
		this.sendTimes[(this.oldest + this.inFlight) % this.sendTimes.length] = now;
		this.inFlight++;
		this.budget--;
	}

	/**
	 * Write what the socket takes, and ask for a write event only while bytes remain (or,
	 * through TLS, while a handshake message waits).
	 */
	void flush() throws IOException {
		this.wire.write(this.out);
		int interest = wantsWrite() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		if (this.key.interestOps() != interest) {
			this.key.interestOps(interest);
		}
	}

	/** Bytes wait for the socket: queued messages, or a TLS handshake's. */
	boolean wantsWrite() {
		return this.wire.wantsWrite(this.out);
	}

	long oldestSendTime() {
		return this.sendTimes[this.oldest];
	}

	/** The oldest message in flight was answered; return its send time. */
	long replied() {
		long sentAt = this.sendTimes[this.oldest];
		this.oldest = (this.oldest + 1) % this.sendTimes.length;
		this.inFlight--;
		this.nextReplySequence++;
		return sentAt;
	}

	void close() {
		this.closed = true;
		if (this.key != null) {
			this.key.cancel();
		}
		this.wire.close();
	}

}
