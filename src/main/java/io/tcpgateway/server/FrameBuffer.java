package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Collects one framed reply and hands it on without copying it again.
 *
 * <p>Sized by the caller for the whole frame, and used by one thread: its writes skip the lock that
 * {@link ByteArrayOutputStream}'s take on every call, growing through them only if the size was short.
 */
final class FrameBuffer extends ByteArrayOutputStream {

	FrameBuffer(int size) {
		super(size);
	}

	@Override
	public void write(int b) {
		if (this.count < this.buf.length) {
			this.buf[this.count++] = (byte) b;
		}
		else {
			super.write(b);
		}
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		if (length <= this.buf.length - this.count) {
			System.arraycopy(bytes, offset, this.buf, this.count, length);
			this.count += length;
		}
		else {
			super.write(bytes, offset, length);
		}
	}

	ByteBuffer asByteBuffer() {
		return ByteBuffer.wrap(this.buf, 0, this.count);
	}

}
