package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Holds an application's decoder to the rules the built-in ones keep, so that bad input
 * has the same outcome with either: an exception it throws, a frame over the maximum it
 * emits or a read it leaves unconsumed becomes a {@link FrameDecodingException}, which
 * closes only that connection.
 *
 * <p>
 * Exceptions thrown by the gateway's own frame consumer pass through unchanged: only the
 * decoder's own failures are the client's doing.
 */
final class GuardedFrameDecoder implements FrameDecoder {

	private final FrameDecoder decoder;

	private final int maxMessageSize;

	/** The first frame the decoder emitted against the rules, during one call. */
	private FrameDecodingException rejected;

	/** The exception the gateway's consumer threw during one call. */
	private RuntimeException downstream;

	/** What the decoder last reported holding, should it fail to tell. */
	private int retained;

	private int buffered;

	GuardedFrameDecoder(FrameDecoder decoder, int maxMessageSize) {
		this.decoder = decoder;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void decode(ByteBuffer input, Consumer<byte[]> frames) throws FrameDecodingException {
		try {
			this.decoder.decode(input, checked(frames));
		}
		catch (RuntimeException ex) {
			throw failed(ex);
		}
		finally {
			this.downstream = null;
		}
		throwIfRejected();
		if (input.hasRemaining()) {
			throw new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
					"the frame decoder left " + input.remaining() + " bytes of a read unconsumed");
		}
	}

	@Override
	public void endOfStream(Consumer<byte[]> frames) throws FrameDecodingException {
		try {
			this.decoder.endOfStream(checked(frames));
		}
		catch (RuntimeException ex) {
			throw failed(ex);
		}
		finally {
			this.downstream = null;
		}
		throwIfRejected();
	}

	@Override
	public int bufferedBytes() {
		try {
			this.buffered = Math.max(this.decoder.bufferedBytes(), 0);
		}
		catch (RuntimeException ex) {
			// keep the last count: this is asked after a read, where nothing may throw
		}
		return this.buffered;
	}

	@Override
	public int retainedBytes() {
		try {
			this.retained = Math.max(this.decoder.retainedBytes(), 0);
		}
		catch (RuntimeException ex) {
			// keep the last count: this is asked after a read, where nothing may throw
		}
		return this.retained;
	}

	/**
	 * Passes on the decoder's frames while they keep the rules; after the first that does
	 * not, drops the rest, since the stream is broken from there on.
	 */
	private Consumer<byte[]> checked(Consumer<byte[]> frames) {
		return frame -> {
			if (this.rejected != null) {
				return;
			}
			if (frame == null) {
				this.rejected = new FrameDecodingException(FrameDecodingException.Reason.MALFORMED,
						"the frame decoder emitted a null frame");
				return;
			}
			if (frame.length > this.maxMessageSize) {
				this.rejected = FrameDecodingException.tooLong(frame.length, this.maxMessageSize);
				return;
			}
			try {
				frames.accept(frame);
			}
			catch (RuntimeException ex) {
				this.downstream = ex;
				throw ex;
			}
		};
	}

	private FrameDecodingException failed(RuntimeException ex) {
		if (ex == this.downstream) {
			throw ex;
		}
		if (this.rejected != null) {
			return takeRejected();
		}
		return new FrameDecodingException(FrameDecodingException.Reason.MALFORMED, "the frame decoder failed: " + ex,
				ex);
	}

	private void throwIfRejected() throws FrameDecodingException {
		if (this.rejected != null) {
			throw takeRejected();
		}
	}

	private FrameDecodingException takeRejected() {
		FrameDecodingException ex = this.rejected;
		this.rejected = null;
		return ex;
	}

}
