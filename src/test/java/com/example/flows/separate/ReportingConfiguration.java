package com.example.flows.separate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configuration of the application's that is not the gateway's business: a slice of the
 * gateway leaves it out.
 */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

	@Bean
	ReportSchedule reportSchedule() {
		return new ReportSchedule("0 0 6 * * *");
	}

	record ReportSchedule(String cron) {
	}

}
