package io.tcpgateway.connection.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import io.tcpgateway.connection.CloseMode;
import io.tcpgateway.connection.ConnectionReadGate;
import io.tcpgateway.connection.ConnectionSession;
import io.tcpgateway.framing.FrameDecoder;
import io.tcpgateway.framing.FrameDecodingException;
import io.tcpgateway.logging.WireLog;

/**
 * Decodes what a blocking connection's thread has read and dispatches each frame as it is
 * decoded, counting the read in the connection's traffic, its incomplete frame and its
 * rate limits. Only the connection's thread calls it.
 */
final class NetFrameReader {

	private final NetConnection connection;

	private final ConnectionSession session;

	private final FrameDecoder decoder;

	private final Consumer<byte[]> frames = this::dispatch;

	/** Counts each read against the rates and the inbound budget. */
	private final ConnectionReadGate readGate;

	private final WireLog wireLog;

	/** Set while a frame is dispatched; read by any thread. */
	private volatile boolean dispatching;

	/** Frames dispatched from the current read. */
	private int framesThisRead;

	NetFrameReader(NetConnection connection, ConnectionSession session, FrameDecoder decoder, WireLog wireLog) {
		this.connection = connection;
		this.session = session;
		this.decoder = decoder;
		this.readGate = session.readGate();
		this.wireLog = wireLog;
	}

	/**
	 * Decode and dispatch the bytes of one read.
	 * @param read the bytes read into {@code buffer}, or -1 at the end of the stream
	 * @return {@code false} once the stream has ended
	 */
	boolean decode(byte[] buffer, int read) throws IOException {
		this.framesThisRead = 0;
		try {
			if (read < 0) {
				this.decoder.endOfStream(this.frames);
				return false;
			}
			ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
			if (this.wireLog.isEnabled()) {
				this.wireLog.read(this.connection.getConnectionId(), bytes);
			}
			this.decoder.decode(bytes, this.frames);
			return true;
		}
		finally {
			this.session.traffic().received(this.framesThisRead, Math.max(read, 0));
			this.readGate.afterRead(this.framesThisRead, Math.max(read, 0), this.decoder.retainedBytes());
		}
	}

	/**
	 * @return whether a frame is being dispatched; any thread
	 */
	boolean isDispatching() {
		return this.dispatching;
	}

	/** Reading failed: close the connection for the reason the failure tells. */
	void readFailed(IOException ex) {
		if (this.session.isClosing()) {
			// closed by the gateway (a timeout, the drain): the failed read is only the
			// consequence, and the reason given first is the one counted
			this.connection.close(null, CloseMode.NOW);
		}
		else if (ex instanceof FrameDecodingException frameError) {
			this.connection.close(this.session.errors().frameRejected(this.connection, frameError), CloseMode.NOW);
		}
		else {
			this.connection.close(this.session.errors().readFailed(this.connection, ex, this.decoder.bufferedBytes()),
					CloseMode.NOW);
		}
	}

	private void dispatch(byte[] frame) {
		this.framesThisRead++;
		this.dispatching = true;
		try {
			this.session.dispatch(this.connection, frame);
		}
		finally {
			this.dispatching = false;
		}
	}

}
