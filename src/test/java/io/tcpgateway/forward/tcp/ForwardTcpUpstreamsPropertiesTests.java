package io.tcpgateway.forward.tcp;

import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.tcpgateway.testing.LogLines.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The upstream pool's properties: each wrong value fails startup naming its property.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForwardTcpUpstreamsPropertiesTests {

	@Test
	void hostAndUpstreamsTogetherFailStartupNamingBoth(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.tcp.host=127.0.0.1",
				"tcp-gateway.forward.tcp.port=7000", "tcp-gateway.forward.tcp.upstreams=127.0.0.1:7001"));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.forward.tcp.host")
			.contains("tcp-gateway.forward.tcp.upstreams");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "upstreams|127.0.0.1", "upstreams|127.0.0.1:0", "upstreams|127.0.0.1:http", "upstreams|::1:7000",
					"backup-upstreams|backup", "balance|random", "connect-attempts|0", "resolve-interval|0s",
					"slow-start|-1s", "health-check.interval|-1s", "health-check.timeout|0s", "health-check.rise|0",
					"health-check.fall|0", "port|7000" })
	void invalidValueFailsStartupNamingTheProperty(String property, String value, CapturedOutput output) {
		String upstreams = property.equals("upstreams") ? value : "127.0.0.1:7000";
		assertThatException().isThrownBy(() -> RunningGateway.start("tcp-gateway.forward.tcp.upstreams=" + upstreams,
				"tcp-gateway.forward.tcp." + property + "=" + value));
		assertThat(settled(output)).contains("APPLICATION FAILED TO START")
			.contains("tcp-gateway.forward.tcp." + property);
	}

	@Test
	void upstreamsAsIndexedEntriesTurnTheBridgeOnAndItsReadiness() {
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.forward.tcp.upstreams[0]=127.0.0.1:7000",
				"tcp-gateway.forward.tcp.upstreams[1]=127.0.0.1:7001", "tcp-gateway.forward.tcp.readiness=true",
				"tcp-gateway.forward.tcp.health-check.interval=0")) {
			assertThat(gateway.context().getBean(Upstreams.class).all()).extracting(Upstream::key)
				.containsExactly("127.0.0.1:7000", "127.0.0.1:7001");
			assertThat(gateway.context()
				.getEnvironment()
				.getProperty(ForwardTcpReadinessEnvironmentPostProcessor.READINESS_INCLUDE))
				.isEqualTo("readinessState,tcpGatewayForward");
		}
	}

	@Test
	void upstreamsAloneTurnTheBridgeOn() {
		try (RunningGateway gateway = RunningGateway.start(
				"tcp-gateway.forward.tcp.upstreams=127.0.0.1:7000,[::1]:7000",
				"tcp-gateway.forward.tcp.health-check.interval=0")) {
			assertThat(gateway.context().getBean(Upstreams.class).all()).extracting(Upstream::key)
				.containsExactly("127.0.0.1:7000", "[0:0:0:0:0:0:0:1]:7000");
		}
	}

}
