package io.tcpgateway.framing;

/**
 * The framing a listener uses, resolved at startup: a built-in {@link Framing}, or the
 * application's decoder factory and encoder for {@link Framing#CUSTOM}.
 */
public final class FrameCodec {

	private final Framing framing;

	private final FrameDecoderFactory decoders;

	private final FrameEncoder encoder;

	private FrameCodec(Framing framing, FrameDecoderFactory decoders, FrameEncoder encoder) {
		this.framing = framing;
		this.decoders = decoders;
		this.encoder = encoder;
	}

	/**
	 * @param framing a built-in framing
	 * @return its codec
	 * @throws IllegalArgumentException for {@link Framing#CUSTOM}
	 */
	public static FrameCodec of(Framing framing) {
		if (!framing.isBuiltIn()) {
			throw new IllegalArgumentException("The " + framing.value() + " framing needs the application's decoder"
					+ " factory and encoder: use FrameCodec.custom");
		}
		return new FrameCodec(framing, framing::newDecoder, framing.encoder());
	}

	/**
	 * The application's framing. Its decoders are guarded, so that whatever they do with
	 * a client's bytes ends as a {@link FrameDecodingException} closing that connection.
	 * @param decoders creates the decoder of each connection
	 * @param encoder frames replies, shared by every connection
	 * @return the codec of {@link Framing#CUSTOM}
	 */
	public static FrameCodec custom(FrameDecoderFactory decoders, FrameEncoder encoder) {
		return new FrameCodec(Framing.CUSTOM, max -> new GuardedFrameDecoder(decoders.newDecoder(max), max), encoder);
	}

	/**
	 * @return the framing, whose value names it in logs, health and metric tags
	 */
	public Framing framing() {
		return this.framing;
	}

	/**
	 * Create a decoder for one connection.
	 * @param maxMessageSize the largest payload a frame may carry, in bytes
	 * @return a new decoder
	 */
	public FrameDecoder newDecoder(int maxMessageSize) {
		return this.decoders.newDecoder(maxMessageSize);
	}

	/**
	 * @return the encoder that frames replies, shared by every connection
	 */
	public FrameEncoder encoder() {
		return this.encoder;
	}

	@Override
	public String toString() {
		return this.framing.value();
	}

}
