package io.tcpgateway.forward.tcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the TCP bridge is on: {@code tcp-gateway.forward.tcp.host} or
 * {@code tcp-gateway.forward.tcp.upstreams} is set.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnForwardTcpCondition.class)
@interface ConditionalOnForwardTcp {

}
