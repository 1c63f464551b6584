package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.flow.HandlerErrorPolicy;

/**
 * How the application's message handler is run.
 */
public class HandlerProperties {

	/**
	 * Threads that run blocking message handlers; each connection's requests run one at a
	 * time.
	 */
	private int threads = 64;

	/**
	 * Connections whose requests may wait for a handler thread; past it a connection is
	 * not read until there is room.
	 */
	private int queueCapacity = 1024;

	/**
	 * Requests of one connection handled but not yet completely answered; past it the
	 * gateway stops reading from that connection.
	 */
	private int maxInFlight = 256;

	/**
	 * What a handler failure does: close the connection, or reply with error-reply and go
	 * on.
	 */
	private HandlerErrorPolicy onError = HandlerErrorPolicy.CLOSE;

	/** The reply sent for a failed request when on-error is reply. */
	private String errorReply = "ERROR";

	/**
	 * A request not answered within this long counts as answered with nothing (with
	 * error-reply when on-error is reply), so it no longer holds back later replies; 0
	 * turns it off.
	 */
	private Duration replyTimeout = Duration.ofSeconds(30);

	/**
	 * Whether the application's flow may block before its first hand-off; if so it is
	 * called on the handler threads, else on the I/O threads, saving a hand-off per
	 * message.
	 */
	private boolean flowMayBlock = true;

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public HandlerErrorPolicy getOnError() {
		return this.onError;
	}

	public void setOnError(HandlerErrorPolicy onError) {
		this.onError = onError;
	}

	public String getErrorReply() {
		return this.errorReply;
	}

	public void setErrorReply(String errorReply) {
		this.errorReply = errorReply;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public boolean isFlowMayBlock() {
		return this.flowMayBlock;
	}

	public void setFlowMayBlock(boolean flowMayBlock) {
		this.flowMayBlock = flowMayBlock;
	}

}
