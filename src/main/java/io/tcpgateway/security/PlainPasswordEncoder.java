package io.tcpgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Compares a password given as is in the configuration ({@code {noop}secret} or
 * {@code secret}) in time that depends neither on where it differs nor on its length:
 * both sides are hashed, then compared with {@link MessageDigest#isEqual}. Spring
 * Security's {@code NoOpPasswordEncoder} uses {@code String.equals}, which returns at the
 * first differing character.
 */
final class PlainPasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return rawPassword.toString();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		return MessageDigest.isEqual(sha256(rawPassword.toString()), sha256(encodedPassword));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must have SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
