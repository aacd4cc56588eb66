package dev.canopy.spring.sample;

import dev.canopy.model.Schema;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service that uses Canopy through the starter: it declares its {@link Schema} and gets a
 * {@code Canopy} bean on the DataSource that {@code spring.datasource.*} configures.
 */
@SpringBootApplication
public class NotesApplication {
    @Bean
    Schema schema() {
        return Notes.SCHEMA;
    }

    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }
}
