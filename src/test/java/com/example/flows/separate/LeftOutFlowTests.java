package com.example.flows.separate;

import io.tcpgateway.test.TcpGatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A {@link TcpGatewayTest} that leaves the application's flow out fails to start, naming
 * it, instead of testing the echo.
 */
class LeftOutFlowTests {

	@Test
	void aSliceWithoutTheApplicationsFlowFailsNamingIt() {
		TestContextManager slice = new TestContextManager(SliceWithoutTheFlow.class);
		assertThatIllegalStateException().isThrownBy(() -> slice.prepareTestInstance(new SliceWithoutTheFlow()))
			.havingRootCause()
			.withMessageContaining(DeviceFlowConfiguration.class.getName())
			.withMessageContaining("the echo would answer");
	}

	@Test
	void aSliceWithTheApplicationsFlowStarts() throws Exception {
		TestContextManager slice = new TestContextManager(SliceWithTheFlow.class);
		slice.prepareTestInstance(new SliceWithTheFlow());
	}

	@TcpGatewayTest(
			excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DeviceFlowConfiguration.class))
	static class SliceWithoutTheFlow {

	}

	@TcpGatewayTest
	static class SliceWithTheFlow {

	}

}
