package io.tcpgateway.flow;

import org.springframework.integration.core.GenericHandler;
import org.springframework.messaging.MessageHeaders;

/**
 * Echoes back any received frame, byte for byte.
 */
class EchoHandler implements GenericHandler<byte[]> {

	@Override
	public Object handle(byte[] payload, MessageHeaders headers) {
		return payload;
	}

}
