package io.tcpgateway.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tcpgateway.handler.TcpGatewayChannels;
import io.tcpgateway.handler.TcpMessageHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.AbstractSubscribableChannel;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Chooses what handles the frames, once the application's endpoints have subscribed and
 * before the listener starts: the application's flow when one is subscribed to
 * {@value TcpGatewayChannels#REQUESTS}, else its {@link TcpMessageHandler}, else the
 * echo. An application with both, or with two flows (its own and a feature's, say), fails
 * to start, naming them.
 */
final class HandlerSelection implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HandlerSelection.class);

	private final RequestDispatcher dispatcher;

	private final AbstractSubscribableChannel requests;

	private final FlowInvoker flowInvoker;

	private final HandlerInvoker handlerInvoker;

	private final TcpMessageHandler handler;

	private final ListableBeanFactory beans;

	/** What the features call their own flows, by bean name. */
	private final Map<String, String> flowDescriptions;

	private volatile boolean running;

	HandlerSelection(RequestDispatcher dispatcher, AbstractSubscribableChannel requests, FlowInvoker flowInvoker,
			HandlerInvoker handlerInvoker, TcpMessageHandler handler, ListableBeanFactory beans,
			Map<String, String> flowDescriptions) {
		this.dispatcher = dispatcher;
		this.requests = requests;
		this.flowInvoker = flowInvoker;
		this.handlerInvoker = handlerInvoker;
		this.handler = handler;
		this.beans = beans;
		this.flowDescriptions = flowDescriptions;
	}

	@Override
	public void start() {
		int subscribers = this.requests.getSubscriberCount();
		boolean flow = subscribers > 0;
		if (flow && !(this.handler instanceof EchoHandler)) {
			throw new IllegalStateException(
					"The TCP gateway has two handlers for its frames; define one: the " + "TcpMessageHandler bean "
							+ Arrays.toString(this.beans.getBeanNamesForType(TcpMessageHandler.class)) + " and "
							+ flowNames(subscribers) + " subscribed to channel " + TcpGatewayChannels.REQUESTS);
		}
		if (subscribers > 1) {
			// a direct channel would hand the frames to them in turn
			throw new IllegalStateException(
					"The TCP gateway has " + subscribers + " handlers for its frames subscribed to channel "
							+ TcpGatewayChannels.REQUESTS + "; define one: " + flowNames(subscribers));
		}
		if (flow) {
			logger.debug("Frames go to " + flowNames(subscribers) + " on channel " + TcpGatewayChannels.REQUESTS);
			this.flowInvoker.handledBy(isFeatureFlow() ? "forward-http" : "flow");
		}
		this.dispatcher.dispatchTo(flow ? this.flowInvoker : this.handlerInvoker);
		this.running = true;
	}

	/**
	 * @return the integration flow beans that start from the request channel, a feature's
	 * among them as the feature describes it, for the message
	 */
	private String flowNames(int subscribers) {
		List<String> names = this.beans.getBeansOfType(IntegrationFlow.class)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().getInputChannel() == this.requests)
			.map((entry) -> describe(entry.getKey()))
			.toList();
		if (names.isEmpty()) {
			return "an endpoint";
		}
		String flows = String.join(" and ", names);
		return (names.size() < subscribers) ? flows + " and another endpoint" : flows;
	}

	/**
	 * @return whether the flow on the request channel is a feature's: the HTTP bridge's,
	 * the one feature that answers with a flow
	 */
	private boolean isFeatureFlow() {
		return this.beans.getBeansOfType(IntegrationFlow.class)
			.entrySet()
			.stream()
			.anyMatch((entry) -> entry.getValue().getInputChannel() == this.requests
					&& this.flowDescriptions.containsKey(entry.getKey()));
	}

	private String describe(String flowName) {
		return this.flowDescriptions.getOrDefault(flowName, "the integration flow '" + flowName + "'");
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the endpoints (at or below phase 0) have subscribed, before the inbound
		// channel adapter starts the listener (Integer.MAX_VALUE / 2)
		return Integer.MAX_VALUE / 2 - 1;
	}

}
