package io.tcpgateway.connection;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.messaging.MessageHeaders;
import org.springframework.util.IdGenerator;

/**
 * Creates the headers of the gateway's own messages (one per frame, one per reply), with
 * random ids drawn from the calling thread's {@link ThreadLocalRandom}.
 *
 * <p>
 * Spring's default id generator draws every id from one shared {@code java.util.Random}:
 * four atomic updates of its seed per id, about a seventh of the gateway's time per
 * message when replies are pipelined. These ids are as random (128 bits) and as unique,
 * and the headers behave exactly like {@link MessageHeaders}. When the application
 * defines its own {@link IdGenerator} bean, which Spring Integration installs for every
 * message, the gateway's messages use it too.
 */
public final class GatewayMessageHeaders {

	private final boolean ownIds;

	/**
	 * @param applicationIdGenerator whether the application defines an
	 * {@link IdGenerator} bean
	 */
	public GatewayMessageHeaders(boolean applicationIdGenerator) {
		this.ownIds = !applicationIdGenerator;
	}

	/**
	 * @param headers the headers, copied; their id and timestamp, if any, are replaced
	 * @return message headers with a new id and the current time
	 */
	public MessageHeaders create(Map<String, Object> headers) {
		if (!this.ownIds) {
			return new MessageHeaders(headers);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new RandomIdHeaders(headers, new UUID(random.nextLong(), random.nextLong()));
	}

	/**
	 * @param headers the headers, copied; their id and timestamp, if any, are replaced
	 * @param timestamp the headers' timestamp
	 * @return message headers with a new id and the given timestamp
	 */
	MessageHeaders create(Map<String, Object> headers, long timestamp) {
		if (!this.ownIds) {
			// a null id: the application's generator draws it
			return new RandomIdHeaders(headers, null, timestamp);
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new RandomIdHeaders(headers, new UUID(random.nextLong(), random.nextLong()), timestamp);
	}

	/**
	 * @param headers the headers, copied
	 * @return these headers with neither id nor timestamp
	 */
	static MessageHeaders withoutIdOrTimestamp(Map<String, Object> headers) {
		return new RandomIdHeaders(headers, MessageHeaders.ID_VALUE_NONE, -1L);
	}

	/**
	 * Plain message headers, given their id rather than asking the shared generator for
	 * one (unless told to), and their timestamp.
	 */
	private static final class RandomIdHeaders extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		RandomIdHeaders(Map<String, Object> headers, UUID id) {
			super(headers, id, System.currentTimeMillis());
		}

		/**
		 * @param id the id, {@code null} for one from the application's generator,
		 * {@link MessageHeaders#ID_VALUE_NONE} for none
		 * @param timestamp the timestamp, negative for none
		 */
		RandomIdHeaders(Map<String, Object> headers, UUID id, long timestamp) {
			super(headers, id, timestamp);
		}

	}

}
