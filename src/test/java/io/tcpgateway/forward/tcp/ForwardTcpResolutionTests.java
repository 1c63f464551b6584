package io.tcpgateway.forward.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.testing.RunningGateway;
import io.tcpgateway.test.TcpTestConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A headless-service-style name that resolves to several loopback addresses
 * ({@code 127.0.0.2} to {@code .4}, each with a real upstream on the same port): each
 * address is an upstream, and resolving again every {@code resolve-interval} drops the
 * addresses that left and adds those that came.
 */
@Timeout(120)
class ForwardTcpResolutionTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String NAME = "backends.headless.test";

	/** What the name resolves to now. */
	private static final AtomicReference<List<InetAddress>> ADDRESSES = new AtomicReference<>(List.of());

	/** Resolves the test's name from {@link #ADDRESSES}, instead of DNS. */
	static class TestResolver {

		@Bean
		UpstreamResolver upstreamResolver() {
			return (host) -> {
				if (!NAME.equals(host) || ADDRESSES.get().isEmpty()) {
					throw new UnknownHostException(host);
				}
				return ADDRESSES.get();
			};
		}

	}

	@Test
	void eachAddressOfANameIsAnUpstreamAndResolvingAgainFollowsTheName() throws Exception {
		List<InetAddress> addresses = List.of(loopback(2), loopback(3), loopback(4));
		List<ScriptedUpstream> upstreams = onOnePort(addresses);
		int port = upstreams.get(0).port();
		ADDRESSES.set(addresses);
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = RunningGateway.start(TestResolver.class, "tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.upstreams=" + NAME + ":" + port,
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.resolve-interval=200ms",
				"tcp-gateway.forward.tcp.health-check.interval=0")) {
			Upstreams pool = gateway.context().getBean(Upstreams.class);
			assertThat(pool.all()).extracting(Upstream::key)
				.containsExactly("127.0.0.2:" + port, "127.0.0.3:" + port, "127.0.0.4:" + port);
			assertThat(servedBy(gateway, clients, 3)).containsExactlyInAnyOrder("2", "3", "4");
			// 127.0.0.4 leaves the name
			ADDRESSES.set(addresses.subList(0, 2));
			await().atMost(WAIT).until(() -> pool.all().size() == 2);
			assertThat(servedBy(gateway, clients, 4)).containsExactlyInAnyOrder("2", "3");
			// and comes back
			ADDRESSES.set(addresses);
			await().atMost(WAIT).until(() -> pool.all().size() == 3);
			assertThat(servedBy(gateway, clients, 3)).containsExactlyInAnyOrder("2", "3", "4");
			// a failed lookup keeps the upstreams the name had
			ADDRESSES.set(List.of());
			await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> pool.all().size() == 3);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void sharedModeOpensItsPoolToEachAddressAndClosesThePoolOfOneThatLeft() throws Exception {
		List<InetAddress> addresses = List.of(loopback(2), loopback(3), loopback(4));
		List<ScriptedUpstream> upstreams = onOnePort(addresses);
		int port = upstreams.get(0).port();
		ADDRESSES.set(addresses);
		try (RunningGateway gateway = RunningGateway.start(TestResolver.class, "tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.upstreams=" + NAME + ":" + port,
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.resolve-interval=200ms",
				"tcp-gateway.forward.tcp.health-check.interval=0", "tcp-gateway.forward.tcp.mode=shared",
				"tcp-gateway.forward.tcp.pool-size=2");
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			UpstreamClient bridge = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> bridge.openConnections() == 6);
			ADDRESSES.set(addresses.subList(0, 2));
			await().atMost(WAIT).until(() -> bridge.openConnections() == 4);
			await().atMost(WAIT).until(() -> upstreams.get(2).peers().stream().allMatch((peer) -> peer.closed));
			for (int i = 0; i < 20; i++) {
				assertThat(client.send("r" + i).receiveString()).isIn("2:r" + i, "3:r" + i);
			}
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	@Test
	void anAddressThatJoinsTheNameStartsSlowly() throws Exception {
		List<InetAddress> addresses = List.of(loopback(2), loopback(3), loopback(4));
		List<ScriptedUpstream> upstreams = onOnePort(addresses);
		int port = upstreams.get(0).port();
		ADDRESSES.set(addresses.subList(0, 2));
		List<TcpTestConnection> clients = new ArrayList<>();
		try (RunningGateway gateway = RunningGateway.start(TestResolver.class, "tcp-gateway.framing=crlf",
				"tcp-gateway.forward.tcp.upstreams=" + NAME + ":" + port,
				"tcp-gateway.forward.tcp.framing=length-header-2", "tcp-gateway.forward.tcp.resolve-interval=200ms",
				"tcp-gateway.forward.tcp.health-check.interval=0", "tcp-gateway.forward.tcp.slow-start=10m")) {
			Upstreams pool = gateway.context().getBean(Upstreams.class);
			ADDRESSES.set(addresses);
			await().atMost(WAIT).until(() -> pool.all().size() == 3);
			assertThat(pool.find("127.0.0.4:" + port).servingSinceNanos()).isNotZero();
			assertThat(pool.find("127.0.0.2:" + port).servingSinceNanos()).isZero();
			// at 5% of its share (round-robin would give it a third: about 7 of 20)
			List<String> served = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				served.add(ForwardTcpUpstreamsTests.servedBy(gateway, clients));
			}
			assertThat(served.stream().filter("4"::equals).count()).isLessThan(5);
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(clients);
			ForwardTcpUpstreamsTests.closeAll(upstreams);
		}
	}

	private static Set<String> servedBy(RunningGateway gateway, List<TcpTestConnection> clients, int count) {
		Set<String> served = new HashSet<>();
		for (int i = 0; i < count; i++) {
			served.add(ForwardTcpUpstreamsTests.servedBy(gateway, clients));
		}
		return served;
	}

	private static InetAddress loopback(int last) throws UnknownHostException {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) last });
	}

	/**
	 * @return an upstream on each address, all on one port, each named by the last byte
	 * of its address
	 */
	private static List<ScriptedUpstream> onOnePort(List<InetAddress> addresses) throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			List<ScriptedUpstream> started = new ArrayList<>();
			try {
				int port = 0;
				for (InetAddress address : addresses) {
					String name = String.valueOf(address.getAddress()[3]);
					ScriptedUpstream upstream = ScriptedUpstream.start(address, port, ScriptedUpstream.named(name));
					started.add(upstream);
					port = upstream.port();
				}
				return started;
			}
			catch (RuntimeException ex) {
				// the port was taken on another address: try another
				ForwardTcpUpstreamsTests.closeAll(started);
			}
		}
		throw new IOException("no port free on every address");
	}

}
