package io.tcpgateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads the PROXY protocol header at the start of a non-blocking stream, whatever the
 * reads it arrives in: the first bytes are kept until the header is complete, at most one
 * header's worth (longer input is either complete or rejected by the decoder). Used by
 * one thread at a time.
 */
public final class ProxyPreamble {

	private final ProxyProtocolDecoder decoder;

	private ByteBuffer kept;

	private ProxyHeader header;

	public ProxyPreamble(ProxyProtocolDecoder decoder) {
		this.decoder = decoder;
	}

	/**
	 * Take the bytes just read.
	 * @param input bytes read; consumed entirely, kept here while the header is
	 * incomplete
	 * @return the bytes after the header once it is complete, or {@code null} while it is
	 * not
	 * @throws ProxyProtocolException when the header is broken
	 */
	public ByteBuffer read(ByteBuffer input) throws ProxyProtocolException {
		ByteBuffer source = input;
		if (this.kept != null) {
			source = ByteBuffer.allocate(this.kept.remaining() + input.remaining());
			source.put(this.kept).put(input).flip();
		}
		ProxyHeader decoded = this.decoder.decode(source);
		if (decoded == null) {
			this.kept = ByteBuffer.allocate(source.remaining()).put(source).flip();
			return null;
		}
		this.kept = null;
		this.header = decoded;
		source.position(source.position() + decoded.length());
		return source;
	}

	/**
	 * @return bytes of the incomplete header kept, at most one header's worth
	 */
	public int retainedBytes() {
		return (this.kept != null) ? this.kept.capacity() : 0;
	}

	/**
	 * @return the header once {@link #read} has completed it, else {@code null}
	 */
	public ProxyHeader header() {
		return this.header;
	}

	/**
	 * Read the PROXY protocol header from a blocking stream, byte by byte so as not to
	 * read past it.
	 * @return the header; the stream is positioned right after it
	 * @throws ProxyProtocolException when the header is broken, or the stream ends first
	 */
	public static ProxyHeader readFrom(InputStream input, ProxyProtocolDecoder decoder) throws IOException {
		byte[] header = new byte[ProxyProtocolDecoder.MAX_V2_LENGTH];
		ProxyHeader decoded = null;
		for (int length = 0; decoded == null; length++) {
			int next = (length < header.length) ? input.read() : -1;
			if (next < 0) {
				throw new ProxyProtocolException("stream ended before the PROXY protocol header was complete");
			}
			header[length] = (byte) next;
			decoded = decoder.decode(ByteBuffer.wrap(header, 0, length + 1));
		}
		return decoded;
	}

}
