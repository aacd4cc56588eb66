package dev.canopy.render;

import dev.canopy.sql.SqlStatement;

import dev.canopy.dialect.Dialect;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Renders statement trees for one dialect. Names are always quoted, in the case the model gave them, so mixed-case
 * identifiers ({@code "InvoiceLine"}) and reserved words ({@code "order"}, {@code "user"}) work everywhere.
 * Immutable and thread-safe.
 */
public final class Renderer {
    static {
        // jOOQ prints a banner and tips on first use; a library embedded in someone's application should not.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final Dialect dialect;
    private final DSLContext ctx;

    public Renderer(Dialect dialect) {
        this.dialect = dialect;
        Settings settings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withRenderNameCase(RenderNameCase.AS_IS)
                .withParamType(ParamType.INDEXED)
                .withRenderFormatted(false)
                .withExecuteLogging(false)
                .withDiagnosticsLogging(false);
        this.ctx = DSL.using(dialect.jooqDialect(), settings);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The jOOQ context this renderer renders with, for stages that build dialect-specific statements (DDL). */
    public DSLContext context() {
        return ctx;
    }

    /**
     * The SQL of a statement tree and every parameter in it, in the order of the SQL: those jOOQ binds (one per
     * {@code ?}) and those it renders inline ({@link org.jooq.Param#isInline()}). For SQL rendered once and run with
     * other values; {@code params} is null when jOOQ's list is not positional, so the markers cannot be told apart.
     */
    public Rendered renderParams(QueryPart statement) {
        String sql = ctx.render(statement);
        java.util.List<org.jooq.Param<?>> params = new java.util.ArrayList<>();
        int expected = 1;
        for (java.util.Map.Entry<String, org.jooq.Param<?>> e : ctx.extractParams(statement).entrySet()) {
            if (!e.getKey().equals(String.valueOf(expected++))) {
                return new Rendered(sql, null);
            }
            params.add(e.getValue());
        }
        return new Rendered(sql, java.util.Collections.unmodifiableList(params));
    }

    /** SQL text and its parameters in order, inline ones included; {@code params} null when they cannot be told. */
    public record Rendered(String sql, java.util.@org.jspecify.annotations.Nullable List<org.jooq.Param<?>> params) {}

    /** The SQL and bind values of a statement tree. */
    public SqlStatement render(QueryPart statement) {
        String sql = ctx.render(statement);
        return new SqlStatement(sql, ctx.extractBindValues(statement));
    }
}
