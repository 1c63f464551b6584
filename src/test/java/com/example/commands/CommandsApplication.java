package com.example.commands;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application built on the gateway: a line-based command protocol behind the TCP
 * port.
 */
@SpringBootApplication
public class CommandsApplication {

	public static void main(String[] args) {
		SpringApplication.run(CommandsApplication.class, args);
	}

}
