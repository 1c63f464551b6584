package io.tcpgateway.forward.http;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;

/**
 * Reads a response body into a {@code byte[]} of at most
 * {@code tcp-gateway.max-message-size} bytes: a larger {@code Content-Length} fails
 * before any of the body is read, and a body of no declared length (chunked, say) fails
 * as soon as one byte more than the bound has arrived. Either way the rest is never read:
 * the failure closes the response, and with it the connection to the service.
 */
final class BoundedBodyConverter extends ByteArrayHttpMessageConverter {

	private final int maxSize;

	BoundedBodyConverter(int maxSize) {
		this.maxSize = maxSize;
	}

	@Override
	public byte[] readInternal(Class<? extends byte[]> type, HttpInputMessage message) throws IOException {
		InputStream body = message.getBody();
		long declared = message.getHeaders().getContentLength();
		if (declared > this.maxSize) {
			throw abandon(body, new ResponseTooLargeException("Content-Length " + declared, this.maxSize));
		}
		// readNBytes grows its buffer as bytes arrive, not to the bound up front
		byte[] read = body.readNBytes(this.maxSize + 1);
		if (read.length > this.maxSize) {
			throw abandon(body,
					new ResponseTooLargeException("a body of more than " + this.maxSize + " bytes", this.maxSize));
		}
		return read;
	}

	/**
	 * Closes the body now: the response's own close would first drain the rest, to reuse
	 * the connection, which is what must not happen; closed, the JDK client drops the
	 * connection instead.
	 */
	private static ResponseTooLargeException abandon(InputStream body, ResponseTooLargeException failure) {
		try {
			body.close();
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

	/**
	 * The service's response is larger than a message may be.
	 */
	static final class ResponseTooLargeException extends IOException {

		ResponseTooLargeException(String what, int maxSize) {
			super("response too large: " + what + " exceeds the allowed maximum (" + maxSize
					+ " bytes, tcp-gateway.max-message-size)");
		}

	}

}
