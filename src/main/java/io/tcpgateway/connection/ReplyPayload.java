package io.tcpgateway.connection;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * The bytes of a reply, whatever transport sends it.
 */
public final class ReplyPayload {

	private ReplyPayload() {
	}

	/**
	 * @return the payload as bytes: a {@code byte[]}, or a {@code String} in UTF-8, as
	 * Spring Integration's mapper has it
	 * @throws MessagingException for a payload of any other type
	 */
	public static byte[] bytes(Message<?> message) {
		Object payload = message.getPayload();
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new MessagingException(message,
				"Cannot send a payload of type " + payload.getClass().getName() + "; expected byte[] or String");
	}

}
