package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes the whole stream as one frame, complete when the peer closes or half-closes the
 * connection.
 */
final class RawFrameDecoder extends CumulatingFrameDecoder {

	RawFrameDecoder(int maxMessageSize) {
		super(maxMessageSize);
	}

	@Override
	protected byte[] decodeFrame(ByteBuffer buffer) throws FrameDecodingException {
		if (buffer.remaining() > this.maxMessageSize) {
			throw FrameDecodingException.tooLong(buffer.remaining(), this.maxMessageSize);
		}
		return null;
	}

	@Override
	public void endOfStream(Consumer<byte[]> frames) throws FrameDecodingException {
		ByteBuffer buffered = buffered();
		if (buffered.hasRemaining()) {
			frames.accept(take(buffered, buffered.remaining()));
		}
		super.endOfStream(frames);
	}

}
