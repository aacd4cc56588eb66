package dev.canopy.translate;

import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.ParseUnknownFunctions;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

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

    /** Renders a statement with every name quoted, so that keywords outside quotes can be told from identifiers. */
    static String quotedEverywhere(QueryPart part) {
        return DSL.using(SQLDialect.DEFAULT, new Settings().withRenderFormatted(false)
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS).withRenderKeywordCase(RenderKeywordCase.UPPER)).render(part);
    }
}
