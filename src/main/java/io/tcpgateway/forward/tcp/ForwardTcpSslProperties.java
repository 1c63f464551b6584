package io.tcpgateway.forward.tcp;

import org.springframework.validation.Errors;

/**
 * TLS to the upstream, under {@code tcp-gateway.forward.tcp.ssl.*}: on when
 * {@code bundle} is set.
 */
public class ForwardTcpSslProperties {

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) to connect to the upstream with over
	 * TLS: its trust store vouches for the upstream's certificate, its key store (if any)
	 * is the gateway's client certificate. Plain TCP when not set.
	 */
	private String bundle;

	/**
	 * Host name sent to the upstream (SNI) and checked against its certificate; the
	 * upstream's host when not set.
	 */
	private String serverName;

	/**
	 * Check that the upstream's certificate is issued to the server name, as an https
	 * client does; set to false to accept any certificate the bundle trusts, whatever its
	 * name.
	 */
	private boolean verifyHostname = true;

	/**
	 * Rejects a server name without a bundle, which would otherwise be ignored, and one
	 * that SNI cannot carry.
	 */
	void validate(Errors errors) {
		if (this.bundle != null && this.bundle.isBlank()) {
			errors.rejectValue("ssl.bundle", "required", "must not be blank");
		}
		if (this.serverName != null && this.bundle == null) {
			errors.rejectValue("ssl.server-name", "bundle",
					"applies to TLS only: set tcp-gateway.forward.tcp.ssl.bundle too, or remove it");
		}
		if (this.serverName != null && this.serverName.isBlank()) {
			errors.rejectValue("ssl.server-name", "required", "must not be blank");
		}
		else if (this.serverName != null && !UpstreamTls.isIpLiteral(this.serverName)
				&& !UpstreamTls.isSniHostName(this.serverName)) {
			errors.rejectValue("ssl.server-name", "invalid",
					"must be a host name that SNI can carry (letters, digits, hyphens and dots, no trailing dot) or an IP address");
		}
	}

	public String getBundle() {
		return this.bundle;
	}

	public void setBundle(String bundle) {
		this.bundle = bundle;
	}

	public String getServerName() {
		return this.serverName;
	}

	public void setServerName(String serverName) {
		this.serverName = serverName;
	}

	public boolean isVerifyHostname() {
		return this.verifyHostname;
	}

	public void setVerifyHostname(boolean verifyHostname) {
		this.verifyHostname = verifyHostname;
	}

}
