package io.tcpgateway.connection;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads are bytes end to end: every byte value comes back unchanged.
 */
class BinaryEchoTests {

	@ParameterizedTest
	@EnumSource(IoMode.class)
	void everyByteValueIncludingCrAndLfSurvivesALengthHeaderFrame(IoMode mode) {
		byte[] allBytes = new byte[512];
		for (int i = 0; i < allBytes.length; i++) {
			allBytes[i] = (byte) i;
		}
		try (RunningGateway gateway = RunningGateway.start("tcp-gateway.framing=length-header-4",
				"tcp-gateway.io-mode=" + mode);
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.LENGTH_HEADER_4)) {
			client.send(allBytes).send(new byte[] { '\r', '\n', 0, '\r', '\n' });
			assertThat(client.receive()).isEqualTo(allBytes);
			assertThat(client.receive()).containsExactly('\r', '\n', 0, '\r', '\n');
		}
	}

}
