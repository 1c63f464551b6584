package com.example.flows.async;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tcpgateway.handler.TcpGatewayChannels;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;

/**
 * A flow that hands each frame to a pool of eight threads, where a lookup takes a random
 * few milliseconds: one connection's requests are worked on together and finish in any
 * order, and the gateway still answers them in request order.
 */
@SpringBootApplication
public class AsyncFlowApplication {

	public static void main(String[] args) {
		SpringApplication.run(AsyncFlowApplication.class, args);
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService lookupThreads() {
		return Executors.newFixedThreadPool(8);
	}

	@Bean
	Lookups lookups() {
		return new Lookups();
	}

	@Bean
	IntegrationFlow lookup(ExecutorService lookupThreads, Lookups lookups) {
		return IntegrationFlow.from(TcpGatewayChannels.REQUESTS)
			.channel((channel) -> channel.executor(lookupThreads))
			.transform(Transformers.objectToString())
			.<String>handle((key, headers) -> lookups.find(key))
			.get();
	}

	/** A slow backend: each lookup takes up to 3 ms; counts how many run at once. */
	public static class Lookups {

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		String find(String key) {
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(3000));
				return "value of " + key;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			finally {
				this.running.decrementAndGet();
			}
		}

		/**
		 * @return the most lookups that ran at the same time
		 */
		public int mostAtOnce() {
			return this.mostAtOnce.get();
		}

	}

}
