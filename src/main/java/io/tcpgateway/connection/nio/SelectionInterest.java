package io.tcpgateway.connection.nio;

import java.nio.channels.SelectionKey;

/**
 * What one NIO connection asks of its loop's selector: reads unless they are paused,
 * writes while the socket is full. Interest changes only when the connection pauses,
 * resumes or fills its socket, never per read. Loop thread only.
 */
final class SelectionInterest {

	/** The channel's key with the loop's selector, once registered. */
	private SelectionKey key;

	/** Set while reads are paused and the loop retries them later. */
	private boolean readPaused;

	/**
	 * Set while the connection waits in its loop's queue for the read delay, so that it
	 * waits there once however often it pauses meanwhile.
	 */
	private boolean awaitingReadDelay;

	/**
	 * {@link System#nanoTime()} when the connection joined the loop's queue of paused
	 * reads.
	 */
	private long pausedAt;

	/** Set while the socket is full and the loop waits for {@code OP_WRITE}. */
	private boolean writeInterest;

	/** Registered with the loop's selector. */
	void registered(SelectionKey selectionKey, boolean open) {
		this.key = selectionKey;
		if (!open) {
			selectionKey.cancel();
		}
	}

	boolean isReadPaused() {
		return this.readPaused;
	}

	/**
	 * Leave the bytes in the socket.
	 * @return whether the connection is to join the loop's queue for the read delay
	 */
	boolean pauseReading() {
		if (this.readPaused) {
			return false;
		}
		this.readPaused = true;
		update();
		if (this.awaitingReadDelay) {
			return false;
		}
		this.awaitingReadDelay = true;
		return true;
	}

	/** The read delay is over. */
	void readDelayOver() {
		this.awaitingReadDelay = false;
		resumeReading();
	}

	/** Read again when there is something. */
	void resumeReading() {
		this.readPaused = false;
		update();
	}

	void pausedAt(long nanos) {
		this.pausedAt = nanos;
	}

	long pausedAt() {
		return this.pausedAt;
	}

	/** Wait for the socket to take more bytes, or stop waiting. */
	void writeInterest(boolean interested) {
		if (this.writeInterest != interested) {
			this.writeInterest = interested;
			update();
		}
	}

	/** Let go of the channel: the connection has closed. */
	void cancel() {
		if (this.key != null) {
			this.key.cancel();
		}
	}

	private void update() {
		SelectionKey current = this.key;
		if (current != null) {
			Interest.set(current,
					(this.readPaused ? 0 : SelectionKey.OP_READ) | (this.writeInterest ? SelectionKey.OP_WRITE : 0));
		}
	}

}
