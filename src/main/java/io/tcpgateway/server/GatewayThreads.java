package io.tcpgateway.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.connection.GatewayThreadFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The threads of the gateway's blocking work (the handler pool, {@code net} mode's
 * connections): virtual threads when Spring Boot's {@code spring.threads.virtual.enabled}
 * is set and the JVM has them (Java 21+), else platform threads, with one WARN when the
 * property asks for what the JVM lacks. Spring's {@link VirtualThreadTaskExecutor} makes
 * them, so the code still compiles for Java 17.
 */
final class GatewayThreads {

	static final String PROPERTY = "spring.threads.virtual.enabled";

	private static final Log logger = LogFactory.getLog(GatewayThreads.class);

	/**
	 * Whether the WARN about a JVM without virtual threads was logged, once a process.
	 */
	private static final AtomicBoolean warned = new AtomicBoolean();

	private GatewayThreads() {
	}

	/**
	 * @param environment where {@code spring.threads.virtual.enabled} is read
	 * @param prefix the threads' name prefix, such as {@code tcp-gateway-handler-}
	 * @return a factory of virtual or platform threads
	 */
	static ThreadFactory factory(Environment environment, String prefix) {
		if (virtual(environment)) {
			return GatewayThreadFactory.virtual(prefix);
		}
		return GatewayThreadFactory.platform(prefix, false);
	}

	static boolean virtual(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return true;
		}
		if (environment.getProperty(PROPERTY, Boolean.class, false) && warned.compareAndSet(false, true)) {
			logger.warn(PROPERTY + " is true but Java " + Runtime.version().feature()
					+ " has no virtual threads (Java 21+): the handler pool and net connections run on platform threads");
		}
		return false;
	}

}
