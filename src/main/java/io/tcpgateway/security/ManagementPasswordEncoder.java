package io.tcpgateway.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.ClassUtils;

/**
 * Passwords as Spring Boot's {@code spring.security.user.password} gives them
 * ({@code secret}, {@code {noop}secret}) compared in constant time, and hashes with every
 * id Spring Security's standard delegating encoder knows ({@code {bcrypt}},
 * {@code {pbkdf2@SpringSecurity_v5_8}}, {@code {argon2}}...). A hash with an id that is
 * not known, or whose algorithm is not on the classpath, never matches: compared as a
 * plain password, the hash string itself would sign in. A wrong user name costs the same
 * comparison as a wrong password: Spring Security checks an unknown user against
 * {@code encode} of a dummy password, which is a plain one too.
 */
final class ManagementPasswordEncoder implements PasswordEncoder {

	private static final String NOOP = "{noop}";

	/** Scrypt and Argon2 need Bouncy Castle, which the gateway does not ship. */
	private static final boolean BOUNCY_CASTLE_PRESENT = ClassUtils
		.isPresent("org.bouncycastle.crypto.params.Argon2Parameters", ManagementPasswordEncoder.class.getClassLoader());

	private final PasswordEncoder plain = new PlainPasswordEncoder();

	private final PasswordEncoder hashes = knownHashes();

	/**
	 * Plain, so that Spring Security's dummy password for an unknown user is compared
	 * like a real one.
	 */
	@Override
	public String encode(CharSequence rawPassword) {
		return NOOP + rawPassword;
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		String id = idOf(encodedPassword);
		if (id == null) {
			return this.plain.matches(rawPassword, encodedPassword);
		}
		if (encodedPassword.startsWith(NOOP)) {
			return this.plain.matches(rawPassword, encodedPassword.substring(NOOP.length()));
		}
		if (!BOUNCY_CASTLE_PRESENT && (id.startsWith("scrypt") || id.startsWith("argon2"))) {
			return false;
		}
		return this.hashes.matches(rawPassword, encodedPassword);
	}

	/**
	 * Never: Spring Security would otherwise replace a hashed user's stored hash with the
	 * plain password after the first sign-in.
	 */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return false;
	}

	/**
	 * The id of a {@code {id}hash} password, as {@link DelegatingPasswordEncoder} reads
	 * it, or {@code null} for a password without one.
	 */
	static String idOf(String encodedPassword) {
		if (!encodedPassword.startsWith("{")) {
			return null;
		}
		int end = encodedPassword.indexOf('}');
		return (end < 0) ? null : encodedPassword.substring(1, end);
	}

	private static PasswordEncoder knownHashes() {
		DelegatingPasswordEncoder standard = (DelegatingPasswordEncoder) PasswordEncoderFactories
			.createDelegatingPasswordEncoder();
		// an id it does not know: never a match, where its own default would throw
		standard.setDefaultPasswordEncoderForMatches(new NeverMatches());
		return standard;
	}

	private static final class NeverMatches implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			throw new UnsupportedOperationException();
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return false;
		}

	}

}
