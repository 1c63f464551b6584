package io.tcpgateway.connection;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Map;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.ObjectUtils;

/**
 * One inbound frame as a message whose headers are made when first read: Spring
 * Integration's standard TCP headers, copied from the ones the connection prepared for
 * its client, with the frame's arrival as timestamp and an id drawn then.
 *
 * <p>
 * Most handlers, echo among them, read only the payload: copying the headers into a new
 * map for every frame was the largest single cost of the event loops. Once read, the
 * headers never change: the id is drawn once, and whichever thread reads first publishes
 * the one header set every reader sees. The message is otherwise a {@link GenericMessage}
 * (message history and builders treat it as one); it equals only another frame message
 * with equal payload and headers, and is serialized as a plain {@link GenericMessage}.
 */
public final class FrameMessage extends GenericMessage<byte[]> {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * What {@link GenericMessage} holds in place of the headers, never seen: every method
	 * that would read it is overridden. But another message's
	 * {@link GenericMessage#equals(Object)} reads the field itself: its one entry holds
	 * an object no other header map can hold, so that no message equals a frame message,
	 * as a frame message equals no other kind.
	 */
	private static final MessageHeaders UNREAD = GatewayMessageHeaders
		.withoutIdOrTimestamp(Map.of(FrameMessage.class.getName() + ".unread", new Object()));

	private static final VarHandle HEADERS;

	static {
		try {
			HEADERS = MethodHandles.lookup().findVarHandle(FrameMessage.class, "madeHeaders", MessageHeaders.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The connection's prepared headers for the client that sent the frame. */
	private final transient InboundMessages source;

	private final long timestamp;

	/** Made on first read; written once, through {@link #HEADERS}. */
	private transient volatile MessageHeaders madeHeaders;

	FrameMessage(byte[] frame, InboundMessages source, long timestamp) {
		super(frame, UNREAD);
		this.source = source;
		this.timestamp = timestamp;
	}

	/**
	 * @return the id of the connection the frame came from, as in its
	 * {@code ip_connectionId} header, without making the headers
	 */
	public String connectionId() {
		return this.source.connectionId();
	}

	/**
	 * @return the connection the frame came from, open or not: the flow takes it from
	 * here rather than look it up by id
	 */
	public Connection connection() {
		return this.source.connection();
	}

	/**
	 * @return whether anyone has read the headers yet, made them, that is
	 */
	boolean headersMade() {
		return this.madeHeaders != null;
	}

	@Override
	public MessageHeaders getHeaders() {
		MessageHeaders made = this.madeHeaders;
		if (made != null) {
			return made;
		}
		made = this.source.headers(this.timestamp);
		// two threads reading at once draw two ids: the first one published is the
		// message's, for good
		MessageHeaders first = (MessageHeaders) HEADERS.compareAndExchange(this, null, made);
		return (first != null) ? first : made;
	}

	@Override
	public boolean equals(Object other) {
		// as GenericMessage's, which cannot see these headers: so only between frames
		return this == other || (other instanceof FrameMessage that && Arrays.equals(getPayload(), that.getPayload())
				&& getHeaders().equals(that.getHeaders()));
	}

	@Override
	public int hashCode() {
		return ObjectUtils.nullSafeHash(getPayload(), getHeaders());
	}

	@Override
	public String toString() {
		return "FrameMessage [payload=byte[" + getPayload().length + "], headers=" + getHeaders() + "]";
	}

	/**
	 * @return a plain message with the same payload and headers, in this message's place
	 * in a serialized stream
	 */
	@Serial
	private Object writeReplace() throws ObjectStreamException {
		return new GenericMessage<>(getPayload(), getHeaders());
	}

	/**
	 * A frame message is never in a stream of its own making ({@link #writeReplace()}):
	 * one that claims to be is refused, rather than read without its headers.
	 */
	@Serial
	private void readObject(ObjectInputStream in) throws InvalidObjectException {
		throw new InvalidObjectException("A FrameMessage is serialized as a GenericMessage");
	}

}
