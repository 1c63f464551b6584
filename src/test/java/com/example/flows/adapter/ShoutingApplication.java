package com.example.flows.adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose flow is a class of its own, declared as a bean of that class.
 */
@SpringBootApplication
public class ShoutingApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShoutingApplication.class, args);
	}

}
