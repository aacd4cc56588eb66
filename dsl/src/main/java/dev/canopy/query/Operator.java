package dev.canopy.query;

/** The comparison operators of a {@link Condition.Compare}, with the names the JSON spec uses. */
public enum Operator {
    EQ("$eq"), NE("$ne"), GT("$gt"), GE("$gte"), LT("$lt"), LE("$lte"),
    LIKE("$like"), NOT_LIKE("$notLike"), ILIKE("$iLike"), NOT_ILIKE("$notILike"),
    STARTS_WITH("$startsWith"), ENDS_WITH("$endsWith"), CONTAINS("$substring");

    private final String json;

    Operator(String json) {
        this.json = json;
    }

    /** The operator's name in a JSON spec: {@code $gte}. */
    public String json() {
        return json;
    }

    /** Whether the operator matches text patterns and so needs a text column. */
    public boolean isTextual() {
        return ordinal() >= LIKE.ordinal();
    }
}
