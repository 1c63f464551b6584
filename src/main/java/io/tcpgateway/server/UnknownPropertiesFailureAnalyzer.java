package io.tcpgateway.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Names each unknown {@code tcp-gateway.*} property, where it was set and the property
 * that was most likely meant, in the form Spring Boot reports a property that failed
 * validation.
 */
class UnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
		StringBuilder description = new StringBuilder("Binding to target [" + UnknownPropertiesCheck.PREFIX
				+ "] failed: properties that no setting of the gateway has:\n");
		for (UnknownPropertiesCheck.UnknownProperty unknown : cause.getProperties()) {
			description.append("\n    Property: ").append(unknown.property().getName());
			description.append("\n    Value: \"").append(unknown.property().getValue()).append("\"");
			if (unknown.property().getOrigin() != null) {
				description.append("\n    Origin: ").append(unknown.property().getOrigin());
			}
			description.append("\n    Reason: ").append(unknown.reason()).append("\n");
		}
		return new FailureAnalysis(description.toString(),
				"Correct or remove each property; README.md lists every tcp-gateway property.", cause);
	}

}
