package io.tcpgateway.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder the gateway gives Spring Security for passwords given as is.
 */
class ManagementPasswordEncoderTests {

	private final PasswordEncoder encoder = new ManagementPasswordEncoder();

	@Test
	void aPasswordGivenAsIsOrAsNoopMatchesOnlyItself() {
		assertThat(this.encoder.matches("secret", "secret")).isTrue();
		assertThat(this.encoder.matches("secret", "{noop}secret")).isTrue();
		assertThat(this.encoder.matches("secreT", "secret")).isFalse();
		assertThat(this.encoder.matches("secret-and-more", "secret")).isFalse();
		assertThat(this.encoder.matches("", "secret")).isFalse();
	}

	@Test
	void theDummyPasswordOfAnUnknownUserIsComparedAsPlainToo() {
		// Spring Security checks an unknown user's password against encode("...")
		assertThat(this.encoder.encode("userNotFoundPassword")).isEqualTo("{noop}userNotFoundPassword");
	}

	@Test
	void bcryptHashesStillMatch() {
		String hash = "{bcrypt}"
				+ new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("secret");
		assertThat(this.encoder.matches("secret", hash)).isTrue();
		assertThat(this.encoder.matches("wrong", hash)).isFalse();
		// a hash is never replaced by the plain password after a sign-in
		assertThat(this.encoder.upgradeEncoding(hash)).isFalse();
		assertThat(this.encoder.upgradeEncoding("secret")).isFalse();
	}

}
