package io.tcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop that exits with status 0 once the gateway
 * has drained.
 *
 * <p>
 * The JVM's own handling closes the context too, but then exits with 128 + the signal
 * number (143 for SIGTERM); supervisors and scripts read a drained, successful stop as 0.
 * The runnable application's choice, wired in {@link TcpGatewayApplication#main} only: an
 * application that takes the gateway as a dependency keeps its own process signals, and
 * the gateway drains there too when Spring Boot's shutdown hook closes the context.
 */
final class StopSignals {

	private StopSignals() {
	}

	static void exitCleanlyOnSignal(ConfigurableApplicationContext context) {
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal.handle(new Signal(name), signal -> {
					Thread stopper = new Thread(() -> System.exit(SpringApplication.exit(context)), "tcp-gateway-stop");
					stopper.start();
				});
			}
			catch (IllegalArgumentException ex) {
				// signal not available on this platform: the JVM's default handling
				// applies
			}
		}
	}

}
