package dev.canopy.model;

import com.google.errorprone.annotations.CheckReturnValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One check of an attribute's value (Sequelize's {@code validate: { isEmail: true, len: [2, 80] }}), declared on a
 * column with {@link Column#validate} and run by every write ({@code create}, {@code bulkCreate}, nested rows,
 * {@code update}, {@code upsert}) before any SQL. Every failure of a write is reported at once, in one
 * {@link dev.canopy.error.ValidationException}.
 * <pre>{@code
 * final Column<String> email = string("email").validate(Validator.notNull(), Validator.isEmail());
 * final Column<Integer> rank = integer("rank").validate(Validator.min(1), Validator.max(10));
 * final Column<String> code = string("code").validate(Validator.of("even", s -> s.length() % 2 == 0, "must have an even length"));
 * }</pre>
 * As in Sequelize, a {@code null} value passes every validator but {@link #notNull()}: a column that may be null is
 * checked only when it has a value. Messages never show the value (it may be secret). A value, immutable.
 *
 * @param <T> the values it checks
 */
@CheckReturnValue
public final class Validator<T> {
    /** A simple, widely used form (what HTML's {@code type=email} accepts): something@domain.tld, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final String name;
    private final Predicate<? super T> test;
    private final String message;
    private final boolean checksNull;

    private Validator(String name, Predicate<? super T> test, String message, boolean checksNull) {
        this.name = Objects.requireNonNull(name, "validator name is null");
        this.test = Objects.requireNonNull(test, "validator test is null");
        this.message = Objects.requireNonNull(message, "validator message is null");
        this.checksNull = checksNull;
    }

    /** A custom validator (Sequelize's custom function): passes when {@code test} is true; {@code message} says why not. */
    public static <T> Validator<T> of(String name, Predicate<? super T> test, String message) {
        return new Validator<>(name, test, message, false);
    }

    /** The value must be given and not null (Sequelize's {@code allowNull: false}, checked before SQL). */
    public static Validator<Object> notNull() {
        return new Validator<>("notNull", v -> true, "cannot be null", true);
    }

    /** A string must not be empty (Sequelize's {@code notEmpty}). */
    public static Validator<CharSequence> notEmpty() {
        return new Validator<>("notEmpty", s -> s.length() > 0, "cannot be empty", false);
    }

    /** A string's length must be between {@code min} and {@code max}, both included (Sequelize's {@code len: [min, max]}). */
    public static Validator<CharSequence> len(int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("len needs 0 <= min <= max, was " + min + ", " + max);
        }
        return new Validator<>("len", s -> s.length() >= min && s.length() <= max,
                "must be between " + min + " and " + max + " characters long", false);
    }

    /** A number must be at least {@code min} (Sequelize's {@code min}). */
    public static Validator<Number> min(Number min) {
        BigDecimal bound = decimal(Objects.requireNonNull(min, "min is null"));
        return new Validator<>("min", n -> decimal(n).compareTo(bound) >= 0, "must be at least " + min, false);
    }

    /** A number must be at most {@code max} (Sequelize's {@code max}). */
    public static Validator<Number> max(Number max) {
        BigDecimal bound = decimal(Objects.requireNonNull(max, "max is null"));
        return new Validator<>("max", n -> decimal(n).compareTo(bound) <= 0, "must be at most " + max, false);
    }

    /** A string must look like an e-mail address (Sequelize's {@code isEmail}). */
    public static Validator<CharSequence> isEmail() {
        return new Validator<>("isEmail", s -> EMAIL.matcher(s).matches(), "must be an e-mail address", false);
    }

    /** The value must be one of {@code allowed} (Sequelize's {@code isIn: [[...]]}). */
    @SafeVarargs
    public static <T> Validator<T> isIn(T... allowed) {
        return isIn(Arrays.asList(allowed));
    }

    /** The value must be one of {@code allowed}. */
    public static <T> Validator<T> isIn(Collection<? extends T> allowed) {
        List<T> copy = List.copyOf(new ArrayList<>(allowed));
        return new Validator<>("isIn", copy::contains, "must be one of " + copy, false);
    }

    /** A string must match a regular expression as a whole (Sequelize's {@code is}; {@code is} is a Kotlin keyword). */
    public static Validator<CharSequence> matches(String regex) {
        Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex is null"));
        return new Validator<>("matches", s -> p.matcher(s).matches(), "must match " + regex, false);
    }

    /** This validator with another message (Sequelize's {@code { args, msg }}). */
    public Validator<T> message(String message) {
        return new Validator<>(name, test, message, checksNull);
    }

    /** Sequelize's name of the validator: {@code notNull}, {@code isEmail}, {@code len}, or the custom name. */
    public String name() {
        return name;
    }

    /** What a failure says, after the attribute's name: {@code must be an e-mail address}. */
    public String message() {
        return message;
    }

    /** Whether this validator is about null itself ({@link #notNull()}); every other one passes a null value. */
    public boolean checksNull() {
        return checksNull;
    }

    /**
     * Whether {@code value} passes. A null passes unless this is {@link #notNull()}; a value of a type the validator
     * cannot read (a number given to {@link #len}) fails.
     */
    @SuppressWarnings("unchecked")
    public boolean test(@Nullable Object value) {
        if (value == null) {
            return !checksNull;
        }
        try {
            return ((Predicate<Object>) test).test(value);
        } catch (ClassCastException e) {
            return false;
        }
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(n.toString());
    }

    @Override public String toString() {
        return name;
    }
}
