package io.tcpgateway.forward.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.framing.Framing;
import io.tcpgateway.test.TcpTestConnection;
import io.tcpgateway.testing.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared mode with a backup: its connections stay open but carry no request while a
 * primary is up, and carry them all once none is.
 */
@Timeout(120)
class ForwardTcpSharedBackupTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void backupGetsNoRequestWhileAPrimaryIsUpAndEveryRequestOnceNoneIs() {
		List<ScriptedUpstream> primaries = ForwardTcpUpstreamsTests.start("a");
		List<ScriptedUpstream> backups = ForwardTcpUpstreamsTests.start("backup");
		List<ScriptedUpstream> all = new ArrayList<>(primaries);
		all.addAll(backups);
		try (RunningGateway gateway = ForwardTcpUpstreamsTests.gateway(primaries, "tcp-gateway.forward.tcp.mode=shared",
				"tcp-gateway.forward.tcp.pool-size=2", "tcp-gateway.handler.on-error=reply",
				"tcp-gateway.handler.error-reply=ERR", "tcp-gateway.forward.tcp.health-check.interval=200ms",
				"tcp-gateway.forward.tcp.health-check.fall=2",
				"tcp-gateway.forward.tcp.backup-upstreams=" + ForwardTcpUpstreamsTests.keys(backups));
				TcpTestConnection client = TcpTestConnection.open(gateway.port(), Framing.CRLF)) {
			UpstreamClient upstream = gateway.context().getBean(UpstreamClient.class);
			await().atMost(WAIT).until(() -> upstream.openConnections() == 4);
			for (int i = 0; i < 40; i++) {
				assertThat(client.send("while-up-" + i).receiveString()).isEqualTo("a:while-up-" + i);
			}
			primaries.get(0).close();
			Upstream a = ForwardTcpUpstreamsTests.upstream(gateway, primaries.get(0));
			await().atMost(WAIT).until(() -> a.state() == UpstreamState.DOWN && upstream.openConnections() == 2);
			for (int i = 0; i < 10; i++) {
				assertThat(client.send("while-down-" + i).receiveString()).isEqualTo("backup:while-down-" + i);
			}
		}
		finally {
			ForwardTcpUpstreamsTests.closeAll(all);
		}
	}

}
