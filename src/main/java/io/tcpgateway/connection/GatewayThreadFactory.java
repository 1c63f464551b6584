package io.tcpgateway.connection;

import java.util.concurrent.ThreadFactory;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where every thread of the gateway's core comes from, named {@code tcp-gateway-...}:
 * platform threads for the event loops, the sweeper and the listener; virtual threads for
 * blocking work (the handler pool, {@code net} mode's connections) when they are asked
 * for and the JVM has them. Spring's {@link VirtualThreadTaskExecutor} makes those, so
 * the code still compiles for Java 17. Threads are made by the components' lifecycle
 * {@code start}, never by their constructors.
 */
public final class GatewayThreadFactory {

	private GatewayThreadFactory() {
	}

	/**
	 * @param prefix the threads' name prefix, such as {@code tcp-gateway-sweeper-}
	 * @param daemon whether the threads leave the JVM free to exit: so for threads that
	 * hold nothing the JVM must finish
	 * @return a factory of platform threads named {@code prefix} and a count
	 */
	public static ThreadFactory platform(String prefix, boolean daemon) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(daemon);
		return factory;
	}

	/**
	 * @param prefix the threads' name prefix, such as {@code tcp-gateway-handler-}
	 * @return a factory of virtual threads named {@code prefix} and a count; only on a
	 * JVM that has them (Java 21+)
	 */
	public static ThreadFactory virtual(String prefix) {
		return new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory();
	}

	/**
	 * @return one platform thread of that exact name, not started
	 */
	public static Thread named(String name, boolean daemon, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(daemon);
		return thread;
	}

}
