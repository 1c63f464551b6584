package io.tcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the TCP gateway.
 */
@SpringBootApplication
public class TcpGatewayApplication {

	public static void main(String[] args) {
		// first, so no thread can die of out of memory before it is in place
		FatalErrorExit.install();
		SpringApplication application = new SpringApplication(TcpGatewayApplication.class);
		// before the listener starts, so a stop signal at any time drains and exits
		// cleanly
		application.addInitializers(StopSignals::exitCleanlyOnSignal);
		application.run(args);
	}

}
