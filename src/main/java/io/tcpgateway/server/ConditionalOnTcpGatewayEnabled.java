package io.tcpgateway.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * On every auto-configuration of the gateway: {@code tcp-gateway.enabled=false} leaves
 * them all out, so a host application's test can start without the gateway (no port, no
 * beans).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "tcp-gateway.enabled", matchIfMissing = true)
public @interface ConditionalOnTcpGatewayEnabled {

}
