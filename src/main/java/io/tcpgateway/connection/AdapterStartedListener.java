package io.tcpgateway.connection;

import org.springframework.context.SmartLifecycle;

/**
 * A server connection factory that, when the context starts, only the inbound channel
 * adapter starts, at {@code Integer.MAX_VALUE / 2}, once the handler or flow that answers
 * frames has been chosen.
 *
 * <p>
 * Spring Integration's factories are plain {@code Lifecycle} beans, and Spring starts a
 * plain one as soon as any started bean depends on it, in whatever phase: the endpoints
 * of the gateway's flows start at {@code Integer.MIN_VALUE} and depend on it through
 * their {@code IntegrationFlow} beans, so the port would open before frames could be
 * answered, and before Spring Integration is ready to dispatch them. A
 * {@code SmartLifecycle} that does not start automatically is never started that way. (An
 * explicit {@code start()} of a stopped context starts it at phase 0, as any lifecycle
 * bean.)
 */
public interface AdapterStartedListener extends SmartLifecycle {

	/**
	 * Whether anything has asked it to start, normally the inbound adapter: still
	 * {@code true} after a failed bind, which stops the factory again.
	 * @return {@code true} once {@link #start()} has been called
	 */
	boolean isStartRequested();

	/**
	 * @return {@code false}: started by the inbound adapter only
	 */
	@Override
	default boolean isAutoStartup() {
		return false;
	}

	/**
	 * Stopped where a plain {@code Lifecycle} bean is, phase 0: after the graceful drain
	 * and the inbound adapter, which stops it first.
	 * @return 0
	 */
	@Override
	default int getPhase() {
		return 0;
	}

}
