package io.tcpgateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the security of the gateway's Actuator endpoints.
 */
@ConfigurationProperties("tcp-gateway.security")
public class TcpGatewaySecurityProperties {

	/** Whether /actuator/prometheus answers without credentials, as scrapers expect. */
	private boolean prometheusOpen = true;

	public boolean isPrometheusOpen() {
		return this.prometheusOpen;
	}

	public void setPrometheusOpen(boolean prometheusOpen) {
		this.prometheusOpen = prometheusOpen;
	}

}
