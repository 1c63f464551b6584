package io.tcpgateway.flow;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * A direct channel for the gateway's per-message path that neither asks its logger
 * whether to log each message nor times each send.
 *
 * <p>
 * Spring Integration's debug check and its {@code spring.integration.send} timer cost
 * about a tenth of the gateway's time per message together (clock reads and a timer
 * update on every send); the traffic on these channels is counted and timed by the
 * {@code tcp.gateway.*} meters instead, per read and write batch.
 */
final class QuietDirectChannel extends DirectChannel {

	/** The payload of the one message {@link #settle()} sends, which nobody is given. */
	private static final byte[] SETTLING = new byte[0];

	QuietDirectChannel() {
		setLoggingEnabled(false);
	}

	/**
	 * Have Spring Integration's "is the application running" check answered for this
	 * channel now, on the starting thread, and not by the first frames of several event
	 * loops at once.
	 *
	 * <p>
	 * The first send on a channel looks the answer up and, while it does, marks the
	 * channel not running ({@code AbstractMessageChannel#assertApplicationRunning},
	 * Spring Integration 7.0.5, lines 349 to 381); another thread sending at that moment
	 * reads the mark and is refused with {@code MessageDispatchingException} ("The
	 * application context is not ready (or stopped)..."), and its connection is closed.
	 * Once answered, a send only asks the running controller again, which marks nothing.
	 * Called after that controller has started (phase {@code Integer.MIN_VALUE}) and
	 * before the listener does. An intercepted channel is left to its first frame, so
	 * that no interceptor sees this empty message.
	 */
	void settle() {
		if (!isApplicationRunning() && !isIntercepted()) {
			send(new GenericMessage<>(SETTLING));
		}
	}

	/**
	 * @return whether Spring Integration has found the application running on a send to
	 * this channel: its later sends take no part in the race {@link #settle()} avoids
	 */
	boolean isSettled() {
		return isApplicationRunning();
	}

	@Override
	protected boolean doSend(Message<?> message, long timeout) {
		// the payload, not the message: message history would wrap the message
		return (message.getPayload() == SETTLING) || super.doSend(message, timeout);
	}

	/**
	 * @return whether any interceptor is on this channel now, asked without the copy
	 * {@link #getInterceptors()} makes
	 */
	boolean isIntercepted() {
		return getIChannelInterceptorList().getSize() > 0;
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor metricsCaptor) {
		// untimed: see the class comment
	}

	/**
	 * Never observed, whatever {@code spring.integration.management.observation-patterns}
	 * says: each frame is already observed as its request ({@code tcp.gateway.request}),
	 * which is current in the application's flow, so the flow's own observed channels and
	 * handlers are its children; an observed channel here would instead become the root
	 * of the request's trace and copy every message to carry its headers.
	 */
	@Override
	public void registerObservationRegistry(ObservationRegistry observationRegistry) {
		// unobserved: see above
	}

}
