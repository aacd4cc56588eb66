package dev.canopy.error;

import java.util.List;

/**
 * Results cannot be mapped to a record or a Kotlin class: a component that no attribute or include feeds, a type
 * Canopy does not convert to, a non-null component fed by a value that may be null. Thrown when the mapping is
 * compiled, before the query runs, with one line per problem; or, for a value that does not fit its component
 * (a {@code long} of 2<sup>40</sup> into an {@code int}), while a row is mapped.
 */
public class MappingException extends QueryException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public MappingException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** A heading followed by each problem on its own line, {@code "  - "} before it. */
    public MappingException(String heading, List<String> problems) {
        super(heading + "\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem found, without the heading. */
    public List<String> problems() {
        return problems;
    }
}
