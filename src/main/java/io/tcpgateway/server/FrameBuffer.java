package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Collects one framed reply and hands it on without copying it again.
 */
final class FrameBuffer extends ByteArrayOutputStream {

	FrameBuffer(int size) {
		super(size);
	}

	ByteBuffer asByteBuffer() {
		return ByteBuffer.wrap(this.buf, 0, this.count);
	}

}
