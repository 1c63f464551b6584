package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterCommandTests {

	@Test
	void everyCommandReadsBackAsWritten() {
		byte[] payload = "any\r\nbytes \u0000".getBytes(StandardCharsets.UTF_8);
		for (ClusterCommand command : new ClusterCommand[] {
				ClusterCommand.send("node-a", "127.0.0.1:5000:9000:abc", payload),
				ClusterCommand.sendToKey("node-a", "device 42/ü", payload),
				ClusterCommand.close("node-a", "127.0.0.1:5000:9000:abc"), ClusterCommand.closeKey("node-a", "k"),
				ClusterCommand.broadcast("node-a", payload) }) {
			ClusterCommand read = ClusterCommand.parse(command.encode(), 1024);
			assertThat(read.op()).isEqualTo(command.op());
			assertThat(read.sender()).isEqualTo(command.sender());
			assertThat(read.target()).isEqualTo(command.target());
			assertThat(read.payload()).isEqualTo(command.payload());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "tgw1", "tgw1 send node-a", "tgw1 send node-a id",
			"tgw1 send node-a id !!!", "tgw1 send no:de id aGk=", "tgw1 send node-a id aGk= extra",
			"tgw2 send node-a id aGk=", "tgw1 explode node-a id aGk=", "tgw1 send-key node-a  aGk=",
			"tgw1 broadcast node-a", "tgw1 close-key node-a AA", "tgw1 send node-a id  aGk=" })
	void anythingElseIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCommand.parse(text, 1024));
	}

	@Test
	void aTraceContextReadsBackAsWrittenAndACommandWithoutOneAsBefore() {
		ClusterCommand plain = ClusterCommand.send("node-a", "127.0.0.1:5000:9000:abc", new byte[] { 1 });
		assertThat(plain.encode()).doesNotContain(ClusterCommand.CONTEXT_PREFIX);
		assertThat(ClusterCommand.parse(plain.encode(), 1024).context()).isNull();
		for (ClusterCommand command : new ClusterCommand[] { plain, ClusterCommand.closeKey("node-a", "k"),
				ClusterCommand.broadcast("node-a", new byte[] { 2 }) }) {
			ClusterCommand read = ClusterCommand.parse(command.withContext("dGVzdA").encode(), 1024);
			assertThat(read.context()).isEqualTo("dGVzdA");
			assertThat(read.target()).isEqualTo(command.target());
			assertThat(read.payload()).isEqualTo(command.payload());
		}
	}

	@Test
	void aCommandWithTheLongestTraceContextFitsTheLongestCommand() {
		String command = ClusterCommand.broadcast("node-a", new byte[1024])
			.withContext("A".repeat(CommandContext.MAX_TOKEN))
			.encode();
		assertThat((long) command.length()).isLessThanOrEqualTo(ClusterCommand.maxLength(1024));
	}

	@ParameterizedTest
	@ValueSource(strings = { "tgw1 send node-a id aGk= ctx=x extra", "tgw1 send node-a id ctx=x",
			"tgw1 send node-a id aGk= context=x" })
	void aTraceContextOnlyComesLastAndOnce(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCommand.parse(text, 1024));
	}

	@Test
	void aPayloadOverTheMaximumIsRefused() {
		String command = ClusterCommand.broadcast("node-a", new byte[11]).encode();
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCommand.parse(command, 10));
	}

}
