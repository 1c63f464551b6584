package io.tcpgateway.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens many non-blocking connections in bounded batches, so that a burst never exceeds
 * the server's accept backlog by much and every batch has its own timeout.
 *
 * <p>
 * One source address has only the kernel's ephemeral ports (about 28,000 with Linux's
 * default range 32768–60999) to connect to one server address and port. Against a
 * loopback server, connections past {@link #PORTS_PER_SOURCE} are therefore bound to the
 * next source address, 127.0.0.2, 127.0.0.3, ..., before they connect: every address of
 * 127.0.0.0/8 is local on Linux.
 */
final class Connector {

	/**
	 * Connections from one source address, below the default range's 28,232 ports so that
	 * other programs on the machine still find free ones.
	 */
	static final int PORTS_PER_SOURCE = 25_000;

	private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final InetSocketAddress address;

	private final int batchSize;

	private final long timeoutNanos;

	private final PrintStream progress;

	/** Connections attempted so far, across calls: which source address the next gets. */
	private int attempted;

	Connector(InetSocketAddress address, int batchSize, long timeoutNanos, PrintStream progress) {
		this.address = address;
		this.batchSize = batchSize;
		this.timeoutNanos = timeoutNanos;
		this.progress = progress;
	}

	/**
	 * Connect up to {@code count} channels; stops early when a whole batch fails.
	 * @return the connected channels and the number of failed attempts
	 */
	Connected connect(int count) throws IOException {
		List<SocketChannel> channels = new ArrayList<>(count);
		int failures = 0;
		long start = System.nanoTime();
		long nextProgress = start + PROGRESS_NANOS;
		try (Selector selector = Selector.open()) {
			while (channels.size() + failures < count) {
				int batch = Math.min(this.batchSize, count - channels.size() - failures);
				int before = channels.size();
				failures += connectBatch(selector, batch, channels);
				if (channels.size() == before) {
					this.progress.println("connect: a whole batch of " + batch + " failed; giving up");
					failures += count - channels.size() - failures;
				}
				if (System.nanoTime() >= nextProgress) {
					this.progress.printf("connect: %d of %d connected, %d failed%n", channels.size(), count, failures);
					nextProgress += PROGRESS_NANOS;
				}
			}
		}
		return new Connected(channels, failures, (System.nanoTime() - start) / 1e9);
	}

	private int connectBatch(Selector selector, int batch, List<SocketChannel> connected) throws IOException {
		int failures = 0;
		int pending = 0;
		for (int i = 0; i < batch; i++) {
			SocketChannel channel = SocketChannel.open();
			try {
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				InetSocketAddress source = sourceFor(this.attempted++);
				if (source != null) {
					channel.bind(source);
				}
				if (channel.connect(this.address)) {
					connected.add(channel);
				}
				else {
					channel.register(selector, SelectionKey.OP_CONNECT);
					pending++;
				}
			}
			catch (IOException ex) {
				channel.close();
				failures++;
			}
		}
		long deadline = System.nanoTime() + this.timeoutNanos;
		while (pending > 0 && System.nanoTime() < deadline) {
			selector.select(100);
			for (SelectionKey key : selector.selectedKeys()) {
				SocketChannel channel = (SocketChannel) key.channel();
				key.cancel();
				pending--;
				try {
					channel.finishConnect();
					connected.add(channel);
				}
				catch (IOException ex) {
					channel.close();
					failures++;
				}
			}
			selector.selectedKeys().clear();
		}
		// Whatever is still connecting after the timeout counts as failed.
		for (SelectionKey key : selector.keys()) {
			if (key.isValid()) {
				key.channel().close();
				failures++;
			}
		}
		selector.selectNow();
		return failures;
	}

	/**
	 * @param index the connection's number, from 0
	 * @return the local address to bind it to, or {@code null} to let the kernel choose
	 */
	InetSocketAddress sourceFor(int index) {
		int source = index / PORTS_PER_SOURCE;
		if (source == 0 || !this.address.getAddress().isLoopbackAddress()
				|| this.address.getAddress().getAddress().length != 4) {
			return null;
		}
		if (source > 253) {
			throw new IllegalArgumentException("more connections than 127.0.0.1-254 have ports for");
		}
		return new InetSocketAddress("127.0.0." + (1 + source), 0);
	}

	/**
	 * The outcome of connecting.
	 *
	 * @param channels the connected channels, non-blocking
	 * @param failures attempts that were refused, failed or timed out
	 * @param seconds time taken to connect them all
	 */
	record Connected(List<SocketChannel> channels, int failures, double seconds) {
	}

}
