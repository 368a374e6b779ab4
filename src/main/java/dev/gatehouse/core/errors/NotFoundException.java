package dev.gatehouse.core.errors;

/** The object named does not exist (or is not visible to the caller). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("Not found.");
    }

    public NotFoundException(String detail) {
        super(detail);
    }
}
