package io.tcpgateway.flow;

import io.tcpgateway.handler.TcpMessageHandler;
import io.tcpgateway.test.TcpGatewayTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * On the event loop: a handler that does not block runs there, and the loop serves every
 * other connection too.
 */
@TcpGatewayTest(properties = { StackOverflowingHandlerTests.ONE_LOOP, StackOverflowingHandlerTests.ON_ERROR,
		StackOverflowingHandlerTests.ERROR_REPLY, StackOverflowingHandlerTests.MAX_MESSAGE_SIZE })
class StackOverflowOnTheLoopTests extends StackOverflowingHandlerTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Handler {

		@Bean
		TcpMessageHandler nestedBrackets() {
			return StackOverflowingHandlerTests.nestedBrackets(false);
		}

	}

}
