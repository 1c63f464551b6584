package io.tcpgateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;

/**
 * Counts the authentications Spring Security refused (a wrong password, an unknown user),
 * so that guessing shows on a dashboard.
 */
final class AuthenticationFailureMeter implements MeterBinder, ApplicationListener<AbstractAuthenticationFailureEvent> {

	/** Refused authentications to the management endpoints. */
	static final String AUTH_FAILURES = "tcp.gateway.admin.auth.failures";

	/** Written once when Boot binds the registry, read on request threads. */
	private volatile Counter failures;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.failures = Counter.builder(AUTH_FAILURES)
			.description("Authentications to the management endpoints that were refused")
			.register(registry);
	}

	@Override
	public void onApplicationEvent(AbstractAuthenticationFailureEvent event) {
		Counter counter = this.failures;
		if (counter != null) {
			counter.increment();
		}
	}

}
