package io.tcpgateway.flow;

/**
 * How a feature's own integration flow from the request channel is named when startup
 * fails because another handler is there too: a feature that subscribes a flow there
 * contributes one as a bean, so the message says what turned the flow on.
 *
 * @param flowBeanName the bean name of the flow
 * @param description what to call it, for people
 */
public record FlowDescription(String flowBeanName, String description) {
}
