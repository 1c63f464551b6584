package io.tcpgateway.framing;

/**
 * Decodes frames wrapped in STX (0x02) and ETX (0x03); a frame that does not start with
 * STX breaks the stream and is rejected.
 */
final class StxEtxFrameDecoder extends DelimiterFrameDecoder {

	private static final int STX = 0x02;

	private static final byte ETX = 0x03;

	StxEtxFrameDecoder(int maxMessageSize) {
		super(STX, new byte[] { ETX }, maxMessageSize);
	}

}
