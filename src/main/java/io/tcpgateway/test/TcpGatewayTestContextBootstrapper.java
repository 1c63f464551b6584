package io.tcpgateway.test;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * Bootstraps a {@link TcpGatewayTest}: its properties, with the gateway on a free port
 * unless a port is given.
 */
class TcpGatewayTestContextBootstrapper extends TestSliceTestContextBootstrapper<TcpGatewayTest> {

	@Override
	protected String[] getProperties(Class<?> testClass) {
		String[] properties = super.getProperties(testClass);
		String[] given = (properties != null) ? properties : new String[0];
		if (Arrays.stream(given).anyMatch(property -> property.startsWith("tcp-gateway.port"))) {
			return given;
		}
		return Stream.concat(Stream.of("tcp-gateway.port=0"), Arrays.stream(given)).toArray(String[]::new);
	}

}
