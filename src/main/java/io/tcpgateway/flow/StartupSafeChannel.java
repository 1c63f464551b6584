package io.tcpgateway.flow;

import java.util.concurrent.locks.ReentrantLock;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;

/**
 * A direct channel that several event loops may send to from their first frames on: until
 * Spring Integration has found the application running on a send to it, sends take turns.
 *
 * <p>
 * On a channel's first sends, Spring Integration 7.0's
 * {@code AbstractMessageChannel#assertApplicationRunning} marks the channel not running
 * while it looks up whether the application runs; a send on another thread that has just
 * found it running can read that mark and be refused with
 * {@code MessageDispatchingException} ("The application context is not ready (or
 * stopped)"), and the gateway would close that frame's connection. Once a send has found
 * the application running, later sends mark nothing, so only the sends before that take
 * turns, and those after it take no lock. The same holds again after the context is
 * stopped and started.
 */
class StartupSafeChannel extends DirectChannel {

	/**
	 * Held by each send made before the application was found running, until its message
	 * reaches {@link #doSend} (through Spring Integration's check, and through the
	 * interceptors' {@code preSend}): not while the message is dispatched, which may run
	 * a whole flow.
	 */
	private final ReentrantLock firstSends = new ReentrantLock();

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (isApplicationRunning()) {
			return super.send(message, timeout);
		}
		// a lock, not a monitor: a virtual thread (net mode) does not pin while it waits
		this.firstSends.lock();
		try {
			return super.send(message, timeout);
		}
		finally {
			// still held when the check refused the message, or an interceptor stopped it
			if (this.firstSends.isHeldByCurrentThread()) {
				this.firstSends.unlock();
			}
		}
	}

	@Override
	protected boolean doSend(Message<?> message, long timeout) {
		// the check has found the application running: no later send can be refused by
		// its mark, so the dispatch need not take turns
		if (this.firstSends.isHeldByCurrentThread()) {
			this.firstSends.unlock();
		}
		return super.doSend(message, timeout);
	}

}
