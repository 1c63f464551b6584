package io.tcpgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandContextTests {

	@Test
	void propagationFieldsReadBackAsWritten() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		fields.put("b3", "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1");
		fields.put("baggage", "user=alice,region=eu=west");
		String token = CommandContext.encode(fields);
		assertThat(token).matches("[A-Za-z0-9_-]+");
		assertThat(CommandContext.decode(token)).containsExactlyEntriesOf(fields);
	}

	@Test
	void fieldsThatDoNotFitAreNotCarried() {
		assertThat(CommandContext.encode(Map.of())).isNull();
		assertThat(CommandContext.encode(Map.of("baggage", "x".repeat(CommandContext.MAX_TOKEN)))).isNull();
		assertThat(CommandContext.encode(Map.of("baggage", "line\nbreak"))).isNull();
		assertThat(CommandContext.encode(Map.of("not a name", "v"))).isNull();
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i <= CommandContext.MAX_FIELDS; i++) {
			many.put("f" + i, "v");
		}
		assertThat(CommandContext.encode(many)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "=b", "a\n", "a b=c", "a=\u0001", "a=\u00e9", "a=1\na=2" })
	void linesThatAreNotFieldsAreRefused(String lines) {
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(lines.getBytes(StandardCharsets.UTF_8));
		assertThatIllegalArgumentException().isThrownBy(() -> CommandContext.decode(token));
	}

	@Test
	void aTokenTooLongOrNotBase64urlIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandContext.decode("!!!"));
		assertThatIllegalArgumentException().isThrownBy(() -> CommandContext.decode("YT1i+/"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandContext.decode("A".repeat(CommandContext.MAX_TOKEN + 1)));
	}

}
