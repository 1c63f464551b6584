package io.tcpgateway.security;

import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords as Spring Boot's {@code spring.security.user.password} gives them
 * ({@code secret}, {@code {noop}secret}) compared in constant time, and
 * {@code {bcrypt}...} hashes. A wrong user name costs the same comparison as a wrong
 * password: Spring Security checks an unknown user against {@code encode} of a dummy
 * password, which is a plain one too.
 */
final class ManagementPasswordEncoder extends DelegatingPasswordEncoder {

	ManagementPasswordEncoder() {
		this(new PlainPasswordEncoder());
	}

	private ManagementPasswordEncoder(PasswordEncoder plain) {
		super("noop", Map.of("noop", plain, "bcrypt", new BCryptPasswordEncoder()));
		setDefaultPasswordEncoderForMatches(plain);
	}

	/**
	 * Never: encoding for new passwords is plain, and Spring Security would otherwise
	 * replace a {@code {bcrypt}} user's stored hash with the plain password after the
	 * first sign-in.
	 */
	@Override
	protected boolean upgradeEncodingNonNull(String prefixEncodedPassword) {
		return false;
	}

}
