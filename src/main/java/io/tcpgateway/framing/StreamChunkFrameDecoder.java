package io.tcpgateway.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Passes bytes on as they arrive, with no framing: each read becomes one message (split
 * into chunks of at most the maximum message size), so request/response clients that send
 * and then wait work as is.
 */
final class StreamChunkFrameDecoder implements FrameDecoder {

	private final int maxMessageSize;

	StreamChunkFrameDecoder(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void decode(ByteBuffer input, Consumer<byte[]> frames) {
		while (input.hasRemaining()) {
			frames.accept(CumulatingFrameDecoder.take(input, Math.min(input.remaining(), this.maxMessageSize)));
		}
	}

	@Override
	public void endOfStream(Consumer<byte[]> frames) {
		// nothing is ever kept back
	}

}
