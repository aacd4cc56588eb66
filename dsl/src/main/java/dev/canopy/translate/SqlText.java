package dev.canopy.translate;

import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

/** How the translator parses SQL and quotes parts of it back in messages. */
final class SqlText {
    /** Names keep the case they are written in (matched to tables and columns ignoring case); unknown functions parse. */
    static final Settings PARSE = new Settings()
            .withParseNameCase(ParseNameCase.AS_IS)
            .withParseUnknownFunctions(ParseUnknownFunctions.IGNORE);

    private static final DSLContext RENDER = DSL.using(SQLDialect.DEFAULT, new Settings()
            .withRenderFormatted(false)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withRenderKeywordCase(RenderKeywordCase.UPPER));

    private SqlText() {}

    /** A part of the parsed SQL as jOOQ writes it back: {@code count(*)}, {@code e.event_tz > z.zid}. */
    static String of(QueryPart part) {
        return RENDER.render(part);
    }

    /** An item of the select list as it is written: {@code count(*) AS n}; jOOQ renders an aliased field as its alias alone. */
    static String item(org.jooq.Field<?> f) {
        return f instanceof QOM.FieldAlias ? of(((QOM.FieldAlias<?>) f).$field()) + " AS " + RENDER.render(((QOM.FieldAlias<?>) f).$alias()) : of(f);
    }

    /** A table as FROM declares it: {@code Album a}, {@code (SELECT ...) e}; jOOQ renders an aliased table as its alias alone. */
    static String declaration(Table<?> t) {
        if (t instanceof QOM.TableAlias) {
            QOM.TableAlias<?> a = (QOM.TableAlias<?>) t;
            Table<?> inner = a.$table();
            String written = inner instanceof QOM.DerivedTable ? "(" + of(((QOM.DerivedTable<?>) inner).$arg1()) + ")" : of(inner);
            return written + " " + RENDER.render(a.$alias());
        }
        if (t instanceof QOM.JoinTable) {
            return "(" + of(t) + ")";
        }
        return of(t);
    }

    /** Renders a statement with every name quoted, so that keywords outside quotes can be told from identifiers. */
    static String quotedEverywhere(QueryPart part) {
        return DSL.using(SQLDialect.DEFAULT, new Settings().withRenderFormatted(false)
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS).withRenderKeywordCase(RenderKeywordCase.UPPER)).render(part);
    }
}
