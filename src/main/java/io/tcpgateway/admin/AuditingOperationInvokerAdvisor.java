package io.tcpgateway.admin;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;

/**
 * Audits every write and delete operation of the other Actuator endpoints (a
 * {@code loggers} change above all: it can turn on the wire log's payload dump), on
 * {@link AdminAudit}'s logger. The {@code tcpconnections} endpoint audits its own, with
 * the byte count and outcome only it knows.
 */
final class AuditingOperationInvokerAdvisor implements OperationInvokerAdvisor {

	private static final EndpointId OWN = EndpointId.of("tcpconnections");

	@Override
	public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
			OperationInvoker invoker) {
		if (operationType == OperationType.READ || OWN.equals(endpointId)) {
			return invoker;
		}
		String operation = endpointId + "." + operationType.name().toLowerCase(Locale.ROOT);
		return (context) -> {
			AdminAudit.write(context.resolveArgument(SecurityContext.class), endpointId.toString(), operation,
					context.getArguments());
			return invoker.invoke(context);
		};
	}

}
