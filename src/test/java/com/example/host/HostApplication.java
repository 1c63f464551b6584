package com.example.host;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application of a team's own that takes the gateway as a dependency and configures
 * nothing of it but its port.
 */
@SpringBootApplication
public class HostApplication {

	public static void main(String[] args) {
		SpringApplication.run(HostApplication.class, args);
	}

	/** A page of the application's own, which Spring Security guards as it guards any. */
	@RestController
	static class HostPages {

		@GetMapping("/api/secret")
		String secret() {
			return "host secret";
		}

	}

}
