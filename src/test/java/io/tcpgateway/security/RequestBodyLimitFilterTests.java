package io.tcpgateway.security;

import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The bound on bodies whose length is not declared, read as bytes or as characters.
 * (Declared lengths and the real server: {@code ManagementSecurityTests}.)
 */
class RequestBodyLimitFilterTests {

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(10);

	@Test
	void aBodyWithinTheBoundIsReadWhole() throws Exception {
		ServletRequest passed = pass(undeclared("0123456789"));
		assertThat(passed.getInputStream().readAllBytes()).hasSize(10);
	}

	@Test
	void readingPastTheBoundFailsAsBytes() throws Exception {
		ServletRequest passed = pass(undeclared("0123456789X"));
		assertThatIOException().isThrownBy(() -> passed.getInputStream().readAllBytes())
			.withMessageContaining("(10 bytes)");
	}

	@Test
	void readingPastTheBoundFailsAsCharacters() throws Exception {
		ServletRequest passed = pass(undeclared("0123456789X"));
		assertThatIOException().isThrownBy(() -> {
			try (Reader reader = passed.getReader()) {
				reader.transferTo(new StringWriter());
			}
		});
	}

	@Test
	void theContainersMultipartParsingIsNeverReached() throws Exception {
		HttpServletRequest passed = (HttpServletRequest) pass(undeclared("0123456789"));
		assertThatExceptionOfType(ServletException.class).isThrownBy(passed::getParts);
		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> passed.getPart("a"));
	}

	@Test
	void formAndMultipartBodiesAreRefused() throws Exception {
		for (String type : List.of("multipart/form-data; boundary=b", " MULTIPART/mixed",
				"application/x-www-form-urlencoded; charset=UTF-8")) {
			MockHttpServletRequest request = undeclared("a=b");
			request.setContentType(type);
			MockHttpServletResponse response = new MockHttpServletResponse();
			this.filter.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).as(type).isEqualTo(415);
		}
	}

	private ServletRequest pass(MockHttpServletRequest request) throws Exception {
		AtomicReference<ServletRequest> passed = new AtomicReference<>();
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
			@Override
			public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response) {
				passed.set(request);
			}
		});
		return passed.get();
	}

	private static MockHttpServletRequest undeclared(String body) {
		// as a chunked request: no Content-Length
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/actuator/tcpconnections/x") {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

		};
		request.setContent(body.getBytes(StandardCharsets.US_ASCII));
		return request;
	}

}
