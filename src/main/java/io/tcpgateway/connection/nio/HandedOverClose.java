package io.tcpgateway.connection.nio;

import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.tls.TlsSession;

/**
 * A close asked for on another thread than the connection's loop (an admin close, the
 * sweeper's timeouts, a handler on the pool): the connection reads as closed at once, and
 * the close is handed to the loop once, which alone touches the write state; a TLS socket
 * closes there too, after the close_notify the engine makes there.
 */
final class HandedOverClose {

	/** Set once a close is asked for; read by any thread. */
	private volatile boolean requested;

	private final AtomicBoolean handedOver = new AtomicBoolean();

	boolean isRequested() {
		return this.requested;
	}

	/**
	 * @param closeOnLoop the close the loop is to run
	 * @param closeSocket closes the socket at once, on this thread
	 * @param tls the connection's TLS layer, or {@code null}
	 */
	void request(EventLoop loop, Runnable closeOnLoop, Runnable closeSocket, TlsSession tls) {
		this.requested = true;
		if (this.handedOver.compareAndSet(false, true)) {
			loop.execute(closeOnLoop);
		}
		// checked once the close is handed over: a loop stopped now may not run it
		boolean loopStopped = !loop.isRunning();
		if (tls == null || !tls.isHandshakeDone() || loopStopped) {
			closeSocket.run();
		}
		if (loopStopped && tls != null) {
			// no loop to run the close: nothing reads or writes through the engine
			tls.release();
		}
	}

}
