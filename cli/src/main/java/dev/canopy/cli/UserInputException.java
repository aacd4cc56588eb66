package dev.canopy.cli;

/** A mistake in what the user gave the command: a missing file, a spec or models file that does not hold. Exit code 2. */
final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserInputException(String message) {
        super(message);
    }

    UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
