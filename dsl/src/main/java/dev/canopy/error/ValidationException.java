package dev.canopy.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Values given to a write failed their model's validators (Sequelize's {@code SequelizeValidationError}): thrown
 * before any SQL, with every failure of the write at once, each naming the model, the attribute (null for a
 * model-level validator), the validator and what is wrong. Values are never in the message: they may be secret.
 * <pre>
 * Validation failed (2):
 *   - Author.email isEmail: must be an e-mail address
 *   - Author.name len: must be between 2 and 80 characters long
 * </pre>
 */
public final class ValidationException extends QueryException {
    private static final long serialVersionUID = 1L;

    /**
     * One failed check.
     *
     * @param model     the model written
     * @param attribute the attribute checked, or null for a model-level validator
     * @param validator the validator's name: {@code notNull}, {@code isEmail}, a custom name
     * @param message   what is wrong: {@code must be an e-mail address}
     */
    public record Failure(String model, @Nullable String attribute, String validator, String message) {
        public Failure {
            Objects.requireNonNull(model, "model is null");
            Objects.requireNonNull(validator, "validator is null");
            Objects.requireNonNull(message, "message is null");
        }

        /** {@code Author.email isEmail: must be an e-mail address}. */
        @Override public String toString() {
            return model + (attribute == null ? "" : "." + attribute) + " " + validator + ": " + message;
        }
    }

    private final List<Failure> failures;

    public ValidationException(List<Failure> failures) {
        super("Validation failed (" + failures.size() + "):\n  - "
                + failures.stream().map(Failure::toString).collect(Collectors.joining("\n  - ")));
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one failure");
        }
        this.failures = List.copyOf(failures);
    }

    /** Every failure, in the order of the rows and attributes written. */
    public List<Failure> failures() {
        return failures;
    }
}
