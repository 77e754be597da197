package dev.sealdrop.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SealdropServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SealdropServerApplication.class, args);
	}

}
