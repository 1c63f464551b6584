package io.tcpgateway.connection;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.test.TcpGatewayTest;
import io.tcpgateway.test.TcpTestClient;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.IdGenerators.SimpleIncrementingIdGenerator;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.util.IdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the application defines its own {@link IdGenerator}, the gateway's messages take
 * their ids from it, like every other message of the application.
 */
@TcpGatewayTest
@Import(ApplicationIdGeneratorTests.SequentialIds.class)
class ApplicationIdGeneratorTests {

	@Autowired
	private TcpTestClient client;

	@Autowired
	private ApplicationContext context;

	@Test
	void requestsAndRepliesTakeTheirIdsFromTheApplicationsGenerator() throws Exception {
		BlockingQueue<UUID> ids = new LinkedBlockingQueue<>();
		ChannelInterceptor recordIds = new ChannelInterceptor() {

			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				ids.add(message.getHeaders().getId());
				return message;
			}

		};
		this.context.getBean("tcpGatewayInbound", DirectChannel.class).addInterceptor(recordIds);
		this.context.getBean("tcpGatewayOutbound", DirectChannel.class).addInterceptor(recordIds);
		try (TcpTestConnection connection = this.client.connect()) {
			assertThat(connection.echoes("hello")).isTrue();
		}
		UUID request = ids.poll(10, TimeUnit.SECONDS);
		UUID reply = ids.poll(10, TimeUnit.SECONDS);
		// the sequential generator counts in the low 64 bits; random ids fill all 128
		assertThat(request).isNotNull().extracting(UUID::getMostSignificantBits).isEqualTo(0L);
		assertThat(reply).isNotNull().extracting(UUID::getMostSignificantBits).isEqualTo(0L);
		assertThat(reply.getLeastSignificantBits()).isGreaterThan(request.getLeastSignificantBits());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SequentialIds {

		@Bean
		IdGenerator sequentialIdGenerator() {
			return new SimpleIncrementingIdGenerator();
		}

	}

}
