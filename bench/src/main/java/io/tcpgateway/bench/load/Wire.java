package io.tcpgateway.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one client connection: in the clear, or through TLS. A wire is reused for
 * the next connection of a churn slot by attaching it to the new channel, so that its
 * buffers are allocated once.
 */
interface Wire {

	/** Start on a freshly connected, non-blocking channel. */
	void attach(SocketChannel channel) throws IOException;

	/**
	 * Read what has arrived into {@code dst}.
	 * @return the bytes added to {@code dst}, or -1 at the end of the stream
	 */
	int read(ByteBuffer dst) throws IOException;

	/** Write as much of {@code src} as the socket takes now. */
	void write(ByteBuffer src) throws IOException;

	/**
	 * Whether a write event would let {@link #write} make progress: bytes of {@code src}
	 * or of the wire itself wait for the socket.
	 */
	boolean wantsWrite(ByteBuffer src);

	/** Close the channel (after a TLS close_notify, when the socket takes it). */
	void close();

	/** The wire of a connection in the clear. */
	static Wire plain() {
		return new Plain();
	}

	/** Bytes straight to and from the channel. */
	final class Plain implements Wire {

		private SocketChannel channel;

		@Override
		public void attach(SocketChannel channel) {
			this.channel = channel;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return this.channel.read(dst);
		}

		@Override
		public void write(ByteBuffer src) throws IOException {
			this.channel.write(src);
		}

		@Override
		public boolean wantsWrite(ByteBuffer src) {
			return src.hasRemaining();
		}

		@Override
		public void close() {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// The connection is done with either way.
			}
		}

	}

}
