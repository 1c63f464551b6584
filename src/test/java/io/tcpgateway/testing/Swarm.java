package io.tcpgateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Many client connections from one thread, as an attacker would hold them: non-blocking
 * writes of whatever the gateway takes, and a count of those it has closed.
 */
public final class Swarm implements AutoCloseable {

	private final List<SocketChannel> channels = new ArrayList<>();

	private final List<Boolean> closed = new ArrayList<>();

	private final ByteBuffer discard = ByteBuffer.allocate(64 * 1024);

	private long received;

	/**
	 * Open {@code count} connections, one after the other.
	 * @param every called with the number opened so far after each thousand
	 */
	public static Swarm open(int port, int count, IntConsumer every) throws IOException {
		return open(port, count, 0, every);
	}

	/**
	 * Open {@code count} connections, one after the other, each with a receive buffer of
	 * its own size: an attacker that never reads makes it small, so that the replies wait
	 * in the gateway rather than in its own kernel.
	 * @param receiveBufferSize {@code SO_RCVBUF} of each, 0 for the system's default
	 * @param every called with the number opened so far after each thousand
	 */
	public static Swarm open(int port, int count, int receiveBufferSize, IntConsumer every) throws IOException {
		Swarm swarm = new Swarm();
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
		for (int i = 0; i < count; i++) {
			SocketChannel channel = SocketChannel.open();
			if (receiveBufferSize > 0) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferSize);
			}
			channel.connect(address);
			channel.configureBlocking(false);
			swarm.channels.add(channel);
			swarm.closed.add(false);
			if ((i + 1) % 1000 == 0) {
				every.accept(i + 1);
			}
		}
		return swarm;
	}

	public int size() {
		return this.channels.size();
	}

	/**
	 * Write to one connection whatever its socket takes now, without waiting.
	 * @return bytes written; 0 when the socket is full or the connection closed
	 */
	public int offer(int index, ByteBuffer bytes) {
		if (this.closed.get(index)) {
			return 0;
		}
		try {
			return this.channels.get(index).write(bytes);
		}
		catch (IOException ex) {
			this.closed.set(index, true);
			return 0;
		}
	}

	/**
	 * Read what each connection has without waiting, noting those the gateway closed.
	 * @return connections closed by the gateway so far
	 */
	public int closedByGateway() {
		int count = 0;
		for (int i = 0; i < this.channels.size(); i++) {
			if (!this.closed.get(i)) {
				try {
					int read;
					while ((read = this.channels.get(i).read(this.discard.clear())) > 0) {
						this.received += read;
					}
					if (read < 0) {
						this.closed.set(i, true);
					}
				}
				catch (IOException ex) {
					this.closed.set(i, true);
				}
			}
			if (this.closed.get(i)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * @return bytes the connections have read so far
	 */
	public long received() {
		return this.received;
	}

	public SocketChannel channel(int index) {
		return this.channels.get(index);
	}

	/**
	 * Reset every connection: thousands of client ports left in TIME_WAIT would block
	 * listeners on them for a minute.
	 */
	@Override
	public void close() {
		for (SocketChannel channel : this.channels) {
			try {
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
				channel.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}
	}

}
