package io.tcpgateway.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 413 a request to the management server whose declared body is larger than
 * the bound, before anything reads it, and makes a body without a declared length
 * (chunked) fail at the bound instead of being buffered whole. Refuses with 415 form and
 * multipart bodies, which no Actuator operation takes and which the servlet container
 * would parse straight from the connection, past the bound.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private Predicate<HttpServletRequest> managementRequests = (request) -> true;

	RequestBodyLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Bounds only the requests this says are the management endpoints' (by default, every
	 * request the filter is mapped to).
	 */
	void onlyFor(Predicate<HttpServletRequest> managementRequests) {
		this.managementRequests = managementRequests;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.managementRequests.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"request body (" + declared + " bytes) exceeds the allowed maximum (" + this.maxBytes + ")");
			return;
		}
		if (isFormOrMultipart(request.getContentType())) {
			response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
					"form and multipart bodies are not accepted by the management endpoints");
			return;
		}
		chain.doFilter(new BoundedRequest(request, this.maxBytes), response);
	}

	private static boolean isFormOrMultipart(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.trim().toLowerCase(Locale.ROOT);
		return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
	}

	private static final class BoundedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		BoundedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new BoundedInputStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

		/**
		 * Never: the container would read the parts from the connection, not through the
		 * bounded stream.
		 */
		@Override
		public Collection<Part> getParts() throws ServletException {
			throw new ServletException("multipart bodies are not accepted by the management endpoints");
		}

		@Override
		public Part getPart(String name) throws ServletException {
			throw new ServletException("multipart bodies are not accepted by the management endpoints");
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			if (encoding == null) {
				return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.ISO_8859_1));
			}
			try {
				return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
			}
			catch (IllegalArgumentException ex) {
				throw new UnsupportedEncodingException("unsupported request charset");
			}
		}

	}

	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		BoundedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new IOException("request body exceeds the allowed maximum (" + this.maxBytes + " bytes)");
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
