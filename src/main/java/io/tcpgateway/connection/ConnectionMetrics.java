package io.tcpgateway.connection;

import io.tcpgateway.framing.FrameDecodingException;

/**
 * Receives the connection events worth counting.
 */
public interface ConnectionMetrics {

	/** Counts nothing. */
	ConnectionMetrics NONE = new ConnectionMetrics() {
	};

	default void opened() {
	}

	default void closed(CloseReason reason) {
	}

	default void rejected(CloseReason reason) {
	}

	default void frameError(FrameDecodingException.Reason reason) {
	}

	/** Frames received and bytes read, counted once per read. */
	default void received(long messages, long bytes) {
	}

	/** Messages sent and bytes written, counted once per write. */
	default void sent(long messages, long bytes) {
	}

	/** A connection has used its message or byte tokens and stops reading for a while. */
	default void readsThrottled() {
	}

	/** Requests had no reply within the reply timeout and count as answered. */
	default void repliesTimedOut(int requests) {
	}

	/** A heartbeat has been written to a quiet connection. */
	default void heartbeatSent() {
	}

	/**
	 * @return whether {@link #replied} records anything; when not, the gateway reads no
	 * clock for it
	 */
	default boolean timesReplies() {
		return false;
	}

	/**
	 * A request has had its last reply handed to its connection, this long after it
	 * arrived.
	 */
	default void replied(long nanos) {
	}

}
