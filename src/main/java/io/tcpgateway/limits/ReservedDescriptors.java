package io.tcpgateway.limits;

/**
 * File descriptors a feature may hold open besides the clients' connections, such as a
 * bridge's upstream connections: counted when the gateway checks the process's open-file
 * limit at startup.
 */
@FunctionalInterface
public interface ReservedDescriptors {

	/**
	 * @return the most descriptors the feature opens
	 */
	int count();

}
