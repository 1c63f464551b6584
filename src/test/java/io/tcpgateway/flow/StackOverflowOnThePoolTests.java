package io.tcpgateway.flow;

import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.test.TcpGatewayTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * On the handler pool: a handler that may block runs there, and the connection's later
 * requests wait behind the failing one.
 */
@TcpGatewayTest(properties = { StackOverflowingHandlerTests.ONE_LOOP, StackOverflowingHandlerTests.ON_ERROR,
		StackOverflowingHandlerTests.ERROR_REPLY, StackOverflowingHandlerTests.MAX_MESSAGE_SIZE })
class StackOverflowOnThePoolTests extends StackOverflowingHandlerTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Handler {

		@Bean
		TcpMessageHandler nestedBrackets() {
			return StackOverflowingHandlerTests.nestedBrackets(true);
		}

	}

}
