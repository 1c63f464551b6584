package io.tcpgateway.tls;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLException;

/**
 * The start of a TLS record not yet received whole, kept between reads at its own size
 * and never past the largest record, so bytes no engine can frame do not pile up.
 */
final class PartialRecord {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private ByteBuffer kept = EMPTY;

	/**
	 * @return what was read, after the part of a record kept from before, if any
	 */
	ByteBuffer before(ByteBuffer input) {
		if (!this.kept.hasRemaining()) {
			return input;
		}
		ByteBuffer merged = ByteBuffer.allocate(this.kept.remaining() + input.remaining());
		merged.put(this.kept).put(input).flip();
		return merged;
	}

	/**
	 * Keep what is left of {@code source} for the next read.
	 * @param largest the engine's packet size: no record is longer
	 */
	void keep(ByteBuffer source, int largest) throws SSLException {
		if (source.remaining() > largest) {
			throw new SSLException("incomplete TLS record longer than the largest record");
		}
		// sized to what is there: the next read makes a merged copy anyway
		ByteBuffer copy = ByteBuffer.allocate(source.remaining());
		copy.put(source).flip();
		this.kept = copy;
	}

	/** Nothing is left over: the read ended on a record's end. */
	void clear() {
		this.kept = EMPTY;
	}

	/**
	 * @return heap held for the record not yet received whole
	 */
	int retainedBytes() {
		return this.kept.capacity();
	}

}
