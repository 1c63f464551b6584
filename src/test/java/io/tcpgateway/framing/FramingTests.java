package io.tcpgateway.framing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A framing is named by its property value, or by its constant in any of the spellings
 * Spring Boot accepts for an enum.
 */
class FramingTests {

	@ParameterizedTest
	@EnumSource(Framing.class)
	void eachFramingIsFoundByItsValueAndByItsName(Framing framing) {
		assertThat(Framing.fromValue(framing.value())).isSameAs(framing);
		assertThat(Framing.fromValue(framing.name())).isSameAs(framing);
		assertThat(Framing.fromValue(framing.name().toLowerCase().replace('_', '-'))).isSameAs(framing);
	}

	@Test
	void theNulTerminatedFramingIsSpelledNull() {
		assertThat(Framing.NUL_TERMINATED.value()).isEqualTo("null");
		assertThat(Framing.fromValue("NULL")).isSameAs(Framing.NUL_TERMINATED);
	}

	@Test
	void anUnknownFramingNamesTheValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.fromValue("crlf2"))
			.withMessageContaining("'crlf2'")
			.withMessageContaining("length-header-4");
	}

}
