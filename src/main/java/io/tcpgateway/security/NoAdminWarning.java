package io.tcpgateway.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Says once at startup that no one can use the protected endpoints when the only user is
 * the one Spring Boot generates: that user has no role, so its password (which Boot would
 * log) opens nothing, and the operator needs to hear what to set instead.
 */
final class NoAdminWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(NoAdminWarning.class);

	private final ObjectProvider<SecurityProperties> security;

	private final ObjectProvider<UserDetailsService> users;

	NoAdminWarning(ObjectProvider<SecurityProperties> security, ObjectProvider<UserDetailsService> users) {
		this.security = security;
		this.users = users;
	}

	@Override
	public void afterSingletonsInstantiated() {
		SecurityProperties properties = this.security.getIfAvailable();
		if (properties != null && properties.getUser().isPasswordGenerated()
				&& this.users.getIfUnique() instanceof InMemoryUserDetailsManager) {
			logger.warn("No spring.security.user.password is set: Actuator endpoints other than health, its probes"
					+ " and prometheus refuse every request. Set spring.security.user.name, .password and" + " .roles="
					+ ManagementSecurityAutoConfiguration.ADMIN + " (or " + ManagementSecurityAutoConfiguration.VIEWER
					+ ") to use them.");
		}
	}

}
