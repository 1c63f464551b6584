package io.tcpgateway.forward.tcp;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnForwardTcp}: a list such as {@code upstreams} may
 * be given as one comma-separated value or as indexed entries, which a property condition
 * cannot see.
 */
final class OnForwardTcpCondition extends SpringBootCondition {

	static final String HOST = "tcp-gateway.forward.tcp.host";

	static final String UPSTREAMS = "tcp-gateway.forward.tcp.upstreams";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isOn(context.getEnvironment()) ? ConditionOutcome.match(HOST + " or " + UPSTREAMS + " is set")
				: ConditionOutcome.noMatch("neither " + HOST + " nor " + UPSTREAMS + " is set");
	}

	/**
	 * @return whether the TCP bridge is on
	 */
	static boolean isOn(Environment environment) {
		return environment.containsProperty(HOST)
				|| !Binder.get(environment).bind(UPSTREAMS, Bindable.listOf(String.class)).orElse(List.of()).isEmpty();
	}

}
