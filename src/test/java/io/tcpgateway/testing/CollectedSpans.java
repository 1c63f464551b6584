package io.tcpgateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;

import org.springframework.context.annotation.Bean;

/**
 * The spans a gateway finished, kept in memory: Spring Boot's Brave auto-configuration
 * hands every finished span to each {@link SpanHandler} bean. Start a gateway with
 * {@link Configuration} and {@link #PROPERTIES} to trace every request.
 */
public final class CollectedSpans extends SpanHandler {

	/** Every trace sampled. */
	public static final String PROPERTIES = "management.tracing.sampling.probability=1.0";

	/** Spans kept at most: a test's few, with a wide margin. */
	private static final int MAX_SPANS = 10_000;

	private final ConcurrentLinkedQueue<MutableSpan> spans = new ConcurrentLinkedQueue<>();

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public boolean end(TraceContext context, MutableSpan span, Cause cause) {
		if (cause == Cause.FINISHED && this.count.incrementAndGet() <= MAX_SPANS) {
			this.spans.add(span);
		}
		return true;
	}

	/**
	 * @return the finished spans of that name, in the order they finished
	 */
	public List<MutableSpan> named(String name) {
		List<MutableSpan> named = new ArrayList<>();
		for (MutableSpan span : this.spans) {
			if (name.equals(span.name())) {
				named.add(span);
			}
		}
		return named;
	}

	/**
	 * @return the finished span of the trace with that id, if any
	 */
	public Optional<MutableSpan> span(String traceId, String spanId) {
		return this.spans.stream()
			.filter((span) -> traceId.equals(span.traceId()) && spanId.equals(span.id()))
			.findAny();
	}

	/**
	 * @return the finished spans of that name in the trace
	 */
	public List<MutableSpan> inTrace(String traceId, String name) {
		return named(name).stream().filter((span) -> traceId.equals(span.traceId())).toList();
	}

	/** Adds the collecting handler to a gateway's context: pass it to RunningGateway. */
	public static class Configuration {

		@Bean
		CollectedSpans collectedSpans() {
			return new CollectedSpans();
		}

	}

}
