package io.tcpgateway.connection.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finishes writes that a socket could not take at once, on one thread with a selector of
 * its own.
 *
 * <p>
 * Spring Integration's selector loop only handles reads and accepts, and its connections
 * block the sending thread until a slow peer reads. Here a connection whose socket buffer
 * is full registers for {@code OP_WRITE} on this second selector and is called back when
 * the peer has made room, so no thread ever waits on a slow client. The thread runs while
 * the NIO server runs.
 */
final class WritabilityWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WritabilityWatcher.class);

	private final Queue<Registration> registrations = new ConcurrentLinkedQueue<>();

	private final String threadName;

	private volatile Selector selector;

	WritabilityWatcher(String threadName) {
		this.threadName = threadName;
	}

	void start() {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open a selector for pending writes", ex);
		}
		Selector ownSelector = this.selector;
		Thread thread = new Thread(() -> selectLoop(ownSelector), this.threadName);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Call back once the socket can take more bytes.
	 * @param channel a connection's channel, with queued replies
	 * @param onWritable what to call, on the watcher's thread
	 */
	void watch(SocketChannel channel, Runnable onWritable) {
		this.registrations.add(new Registration(channel, onWritable));
		this.selector.wakeup();
	}

	@Override
	public void close() throws IOException {
		Selector current = this.selector;
		if (current != null) {
			current.close();
		}
	}

	private void selectLoop(Selector selector) {
		while (selector.isOpen()) {
			try {
				selector.select();
				Registration registration;
				while ((registration = this.registrations.poll()) != null) {
					registration.register(selector);
				}
				Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					if (key.isValid() && key.isWritable()) {
						key.interestOps(0);
						((Runnable) key.attachment()).run();
					}
				}
			}
			catch (ClosedSelectorException ex) {
				return;
			}
			catch (IOException | CancelledKeyException ex) {
				logger.debug("Pending-write selector: " + ex);
			}
		}
	}

	private record Registration(SocketChannel channel, Runnable onWritable) {

		void register(Selector selector) {
			try {
				SelectionKey key = this.channel.keyFor(selector);
				if (key == null) {
					this.channel.register(selector, SelectionKey.OP_WRITE, this.onWritable);
				}
				else {
					key.interestOps(SelectionKey.OP_WRITE);
				}
			}
			catch (ClosedChannelException | CancelledKeyException ex) {
				// closed meanwhile: nothing left to write
			}
		}

	}

}
