package io.tcpgateway.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

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

	@Test
	void everyStandardHashMatchesItsPasswordAndNeverTheHashItself() {
		String hash = "{pbkdf2@SpringSecurity_v5_8}"
				+ Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("secret");
		assertThat(this.encoder.matches("secret", hash)).isTrue();
		assertThat(this.encoder.matches("wrong", hash)).isFalse();
		// whoever can read the hash must not sign in with it
		assertThat(this.encoder.matches(hash, hash)).isFalse();
		String sha256 = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("secret");
		assertThat(this.encoder.matches("secret", sha256)).isTrue();
		assertThat(this.encoder.matches(sha256, sha256)).isFalse();
	}

	@Test
	void anUnknownIdOrAnAlgorithmNotOnTheClasspathNeverMatches() {
		assertThat(this.encoder.matches("{foo}x", "{foo}x")).isFalse();
		assertThat(this.encoder.matches("x", "{foo}x")).isFalse();
		assertThat(this.encoder.matches("", "{}")).isFalse();
		// Argon2 needs Bouncy Castle, which the gateway does not ship
		String argon2 = "{argon2}$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHQ$aGFzaA";
		assertThat(this.encoder.matches(argon2, argon2)).isFalse();
		assertThat(this.encoder.matches("secret", argon2)).isFalse();
	}

}
