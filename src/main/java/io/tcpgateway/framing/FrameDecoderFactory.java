package io.tcpgateway.framing;

/**
 * Creates the decoder of each new connection for {@code tcp-gateway.framing=custom}; the
 * application declares one as a bean, beside a {@link FrameEncoder} bean.
 *
 * <p>
 * A decoder keeps the incomplete frame of its connection, so each connection needs its
 * own: the factory is called once per accepted connection, from the thread accepting it,
 * and must return a new instance each time.
 */
@FunctionalInterface
public interface FrameDecoderFactory {

	/**
	 * @param maxMessageSize {@code tcp-gateway.max-message-size} in bytes: the largest
	 * payload the decoder may emit, and the size past which it should reject a frame as
	 * soon as it knows it
	 * @return a new decoder for one connection
	 */
	FrameDecoder newDecoder(int maxMessageSize);

}
