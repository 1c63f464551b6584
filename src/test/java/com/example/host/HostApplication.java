package com.example.host;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application of a team's own that takes the gateway as a dependency and configures
 * nothing of it but its port.
 */
@SpringBootApplication
public class HostApplication {

	public static void main(String[] args) {
		SpringApplication.run(HostApplication.class, args);
	}

}
