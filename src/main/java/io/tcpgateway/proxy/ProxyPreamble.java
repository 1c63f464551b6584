package io.tcpgateway.proxy;

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
	 * @return the header once {@link #read} has completed it, else {@code null}
	 */
	public ProxyHeader header() {
		return this.header;
	}

}
