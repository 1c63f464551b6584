package io.tcpgateway.server;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Properties under {@code tcp-gateway.*} that nothing reads, most likely misspelt.
 */
class UnknownPropertiesException extends RuntimeException {

	private final transient List<UnknownPropertiesCheck.UnknownProperty> properties;

	UnknownPropertiesException(List<UnknownPropertiesCheck.UnknownProperty> properties) {
		super("Unknown properties: " + properties.stream()
			.map(UnknownPropertiesCheck.UnknownProperty::toString)
			.collect(Collectors.joining(", ")));
		this.properties = properties;
	}

	List<UnknownPropertiesCheck.UnknownProperty> getProperties() {
		return this.properties;
	}

}
