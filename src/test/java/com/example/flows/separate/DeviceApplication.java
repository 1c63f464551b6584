package com.example.flows.separate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose flow lives in a {@code @Configuration} class of its own,
 * {@link DeviceFlowConfiguration}, beside configuration that has nothing to do with the
 * gateway ({@link ReportingConfiguration}).
 */
@SpringBootApplication
public class DeviceApplication {

	public static void main(String[] args) {
		SpringApplication.run(DeviceApplication.class, args);
	}

}
