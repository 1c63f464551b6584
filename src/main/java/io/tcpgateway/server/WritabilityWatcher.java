package io.tcpgateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finishes writes that a socket could not take at once, on one thread with a selector of its own.
 *
 * <p>Spring Integration's selector loop only handles reads and accepts, and its connections block the
 * sending thread until a slow peer reads. Here a connection whose socket buffer is full registers for
 * {@code OP_WRITE} on this second selector and is called back when the peer has made room, so no thread
 * ever waits on a slow client.
 */
final class WritabilityWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WritabilityWatcher.class);

	private final Queue<GatewayNioConnection> registrations = new ConcurrentLinkedQueue<>();

	private final Selector selector;

	private final Thread thread;

	WritabilityWatcher(String threadName) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open a selector for pending writes", ex);
		}
		this.thread = new Thread(this::selectLoop, threadName);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Call the connection back once its socket can take more bytes.
	 * @param connection a connection with queued replies
	 */
	void watch(GatewayNioConnection connection) {
		this.registrations.add(connection);
		this.selector.wakeup();
	}

	@Override
	public void close() throws IOException {
		this.selector.close();
	}

	private void selectLoop() {
		while (this.selector.isOpen()) {
			try {
				this.selector.select();
				GatewayNioConnection connection;
				while ((connection = this.registrations.poll()) != null) {
					register(connection);
				}
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					if (key.isValid() && key.isWritable()) {
						key.interestOps(0);
						((GatewayNioConnection) key.attachment()).onWritable();
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

	private void register(GatewayNioConnection connection) {
		try {
			SelectionKey key = connection.channel().keyFor(this.selector);
			if (key == null) {
				connection.channel().register(this.selector, SelectionKey.OP_WRITE, connection);
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
