package io.tcpgateway.observation;

import io.micrometer.common.KeyValues;
import io.tcpgateway.observation.TcpGatewayObservationDocumentation.ConnectionHighCardinalityKeyNames;
import io.tcpgateway.observation.TcpGatewayObservationDocumentation.ConnectionLowCardinalityKeyNames;

/**
 * Names a connection's observation {@code tcp.gateway.connection}, with the keys
 * {@link TcpGatewayObservationDocumentation#CONNECTION} lists.
 */
public class DefaultTcpConnectionObservationConvention implements TcpConnectionObservationConvention {

	/** The observation's name. */
	public static final String NAME = "tcp.gateway.connection";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TcpConnectionObservationContext context) {
		return "tcp connection";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TcpConnectionObservationContext context) {
		String reason = context.getCloseReason();
		return KeyValues.of(ConnectionLowCardinalityKeyNames.FRAMING.withValue(context.getFraming()),
				ConnectionLowCardinalityKeyNames.REASON.withValue((reason != null) ? reason : UNKNOWN));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TcpConnectionObservationContext context) {
		return KeyValues.of(ConnectionHighCardinalityKeyNames.CONNECTION_ID.withValue(context.getConnectionId()),
				ConnectionHighCardinalityKeyNames.CLIENT_ADDRESS.withValue(context.getClient().getHostString()),
				ConnectionHighCardinalityKeyNames.CLIENT_PORT
					.withValue(Integer.toString(context.getClient().getPort())));
	}

}
