package dev.canopy.write;

import dev.canopy.error.CheckConstraintException;
import dev.canopy.error.ConstraintViolationException;
import dev.canopy.error.ForeignKeyConstraintException;
import dev.canopy.error.NotNullConstraintException;
import dev.canopy.error.UniqueConstraintException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Names the model and attribute of a constraint violation met while writing a model, from what the database's
 * message names: a constraint Canopy made ({@code uq_<table>_<field>}, {@code fk_<table>_<field>},
 * {@code pk_<table>}), or a column of the model written ({@code "email"}, {@code Authors.email}, {@code 'email'}).
 */
final class Violations {
    private Violations() {}

    /** Runs a statement of a write on {@code model}, naming the model and attribute of a violation it meets. */
    static <T> T naming(Model model, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (ConstraintViolationException e) {
            if (e.model() != null) {
                throw e;
            }
            throw name(e, model);
        }
    }

    static ConstraintViolationException name(ConstraintViolationException e, Model model) {
        String message = String.valueOf(e.getMessage());
        Column<?> c = column(model, message.toLowerCase(Locale.ROOT));
        String where = model.name() + (c == null ? "" : "." + c.name());
        int colon = message.indexOf(": ");
        String kind = colon < 0 ? "Constraint violated" : message.substring(0, colon);
        String text = kind + " on " + where + (colon < 0 ? ": " + message : message.substring(colon));
        String attribute = c == null ? null : c.name();
        Throwable cause = e.getCause();
        if (e instanceof UniqueConstraintException) {
            return new UniqueConstraintException(text, cause, model.name(), attribute);
        }
        if (e instanceof ForeignKeyConstraintException) {
            return new ForeignKeyConstraintException(text, cause, model.name(), attribute);
        }
        if (e instanceof NotNullConstraintException) {
            return new NotNullConstraintException(text, cause, model.name(), attribute);
        }
        if (e instanceof CheckConstraintException) {
            return new CheckConstraintException(text, cause, model.name(), attribute);
        }
        return new ConstraintViolationException(text, cause, model.name(), attribute);
    }

    private static @Nullable Column<?> column(Model model, String message) {
        String table = model.tableName().toLowerCase(Locale.ROOT);
        for (Column<?> c : model.columns()) {
            String field = c.field().toLowerCase(Locale.ROOT);
            if (message.contains("uq_" + table + "_" + field) || message.contains("fk_" + table + "_" + field)) {
                return c;
            }
        }
        if (message.contains("pk_" + table) && !model.primaryKey().isEmpty()) {
            return model.primaryKey().get(0);
        }
        Column<?> first = null;
        int at = Integer.MAX_VALUE;
        for (Column<?> c : model.columns()) {
            String field = c.field().toLowerCase(Locale.ROOT);
            for (String form : new String[] {"\"" + field + "\"", "`" + field + "`", "'" + field + "'", "." + field, "(" + field}) {
                int i = message.indexOf(form);
                while (i >= 0) {
                    int end = i + form.length();
                    boolean whole = form.endsWith("\"") || form.endsWith("`") || form.endsWith("'") || end >= message.length()
                            || !Character.isLetterOrDigit(message.charAt(end)) && message.charAt(end) != '_';
                    if (whole && i < at) {
                        at = i;
                        first = c;
                        break;
                    }
                    i = message.indexOf(form, i + 1);
                }
            }
        }
        return first;
    }
}
