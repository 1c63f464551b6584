package io.tcpgateway.connection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A frame's message makes its headers on first read, yet behaves like a
 * {@link GenericMessage} with Spring Integration's TCP headers: the same headers, id and
 * timestamp however often, late or concurrently they are read.
 */
class FrameMessageTests {

	private final InboundMessages messages = new InboundMessages(new GatewayMessageHeaders(false), null, "conn-1",
			new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), InetAddress.getLoopbackAddress());

	@Test
	void theConnectionIdIsKnownWithoutMakingTheHeaders() {
		FrameMessage message = frame("hello");

		assertThat(message.connectionId()).isEqualTo("conn-1");
		assertThat(message.getPayload()).isEqualTo("hello".getBytes());
		assertThat(message.headersMade()).isFalse();
	}

	@Test
	void theHeadersAreTheStandardTcpOnesMadeOnceWithTheArrivalAsTimestamp() {
		long before = System.currentTimeMillis();
		FrameMessage message = frame("hello");
		long arrived = System.currentTimeMillis();
		// read only once the clock has moved on: the timestamp is still the arrival
		await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > arrived);

		MessageHeaders headers = message.getHeaders();

		assertThat(message.headersMade()).isTrue();
		assertThat(headers.get(IpHeaders.CONNECTION_ID)).isEqualTo("conn-1");
		assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(headers.get(IpHeaders.HOSTNAME)).isEqualTo("127.0.0.1");
		assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(40000);
		assertThat(headers.get(IpHeaders.LOCAL_ADDRESS)).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(headers.getTimestamp()).isBetween(before, arrived);
		assertThat(headers.getId()).isNotNull().isNotEqualTo(MessageHeaders.ID_VALUE_NONE);
		assertThat(headers).hasSize(7);
		assertThat(message.getHeaders()).isSameAs(headers);
		assertThat(frame("hello").getHeaders().getId()).isNotEqualTo(headers.getId());
	}

	@Test
	void theHeadersCannotBeChanged() {
		MessageHeaders headers = frame("hello").getHeaders();

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> headers.put("x", "y"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> headers.remove(IpHeaders.CONNECTION_ID));
	}

	@Test
	void threadsReadingFirstAtOnceAllSeeOneSetOfHeaders() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 200; round++) {
				FrameMessage message = frame("hello");
				CountDownLatch start = new CountDownLatch(1);
				List<Future<MessageHeaders>> reads = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					reads.add(threads.submit(() -> {
						start.await();
						return message.getHeaders();
					}));
				}
				start.countDown();
				Set<MessageHeaders> seen = ConcurrentHashMap.newKeySet();
				for (Future<MessageHeaders> read : reads) {
					seen.add(read.get(10, TimeUnit.SECONDS));
				}
				assertThat(seen).singleElement().isSameAs(message.getHeaders());
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void equalsHashCodeAndToStringAreGenericMessagesOnTheSameHeaders() {
		FrameMessage message = frame("hello");
		GenericMessage<byte[]> generic = new GenericMessage<>("hello".getBytes(), message.getHeaders());

		assertThat(message).isEqualTo(message).isNotEqualTo(frame("hello")).hasSameHashCodeAs(generic);
		assertThat(message.toString()).isEqualTo(generic.toString().replace("GenericMessage", "FrameMessage"))
			.contains("payload=byte[5]", IpHeaders.CONNECTION_ID + "=conn-1");
	}

	@Test
	void noOtherMessageEqualsAFrameMessageAsItEqualsNoOther() {
		FrameMessage message = frame("hello");
		// GenericMessage's equals reads the headers field, not getHeaders(): the frame's
		// placeholder there must equal no header map, the empty one least of all
		List<GenericMessage<byte[]>> others = List.of(
				new GenericMessage<>(message.getPayload(), GatewayMessageHeaders.withoutIdOrTimestamp(Map.of())),
				new GenericMessage<>(message.getPayload(), message.getHeaders()));

		assertThat(others).allSatisfy((other) -> {
			assertThat(other).isNotEqualTo(message);
			assertThat(message).isNotEqualTo(other);
		});
	}

	@Test
	void serializedItIsAGenericMessageWithTheSameHeaders() throws Exception {
		FrameMessage message = frame("hello");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(message);
		}
		Object read;
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			read = in.readObject();
		}

		assertThat(read).isExactlyInstanceOf(GenericMessage.class)
			.isEqualTo(new GenericMessage<>("hello".getBytes(), message.getHeaders()));
	}

	@Test
	void aBuilderCopiesTheHeadersIntoANewMessage() {
		FrameMessage message = frame("hello");

		Message<byte[]> copy = MessageBuilder.fromMessage(message).setHeader("extra", 1).build();

		assertThat(copy.getPayload()).isEqualTo("hello".getBytes());
		assertThat(copy.getHeaders()).containsEntry(IpHeaders.CONNECTION_ID, "conn-1")
			.containsEntry(IpHeaders.REMOTE_PORT, 40000)
			.containsEntry("extra", 1);
		assertThat(copy.getHeaders().getId()).isNotEqualTo(message.getHeaders().getId());
		assertThat(MessageBuilder.fromMessage(message).build()).isSameAs(message);
	}

	private FrameMessage frame(String payload) {
		return (FrameMessage) this.messages.toMessage(payload.getBytes());
	}

}
