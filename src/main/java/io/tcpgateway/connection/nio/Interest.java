package io.tcpgateway.connection.nio;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/**
 * Changes a key's interest set while another thread may cancel the key at any moment:
 * closing a channel from any thread (the sweeper's and the admin endpoint's do) cancels
 * its keys at once, so a key found valid can be cancelled before its interest is set. The
 * change then has nothing left to do, and must not throw out of the event loop, whose
 * thread serves every other connection on it.
 */
final class Interest {

	private Interest() {
	}

	/**
	 * @param key the connection's key
	 * @param ops the whole interest set it should have
	 * @return whether the key took it; {@code false} once the key is cancelled
	 */
	static boolean set(SelectionKey key, int ops) {
		try {
			key.interestOps(ops);
			return true;
		}
		catch (CancelledKeyException ex) {
			return false;
		}
	}

}
