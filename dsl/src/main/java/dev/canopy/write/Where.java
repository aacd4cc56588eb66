package dev.canopy.write;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.query.Condition;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which rows an {@code update}, {@code destroy} or {@code restore} touches, and how. There is no where that means
 * "every row" by being empty: every row is {@link #all()}, asked for by name, so that a forgotten where is refused
 * instead of changing the whole table.
 * <pre>{@code
 * db.destroy(USER, Where.of(USER.id.eq(7)));               // paranoid: sets deletedAt
 * db.destroy(USER, Where.of(USER.id.eq(7)).force());       // deletes the row
 * db.update(USER, Values.of(USER.active, false), Where.all());
 * }</pre>
 */
@CheckReturnValue
public final class Where {
    private final @Nullable Condition condition;
    private final boolean all;
    private final boolean force;
    private final boolean paranoid;
    private final boolean unscoped;
    private final boolean individualHooks;

    private Where(@Nullable Condition condition, boolean all, boolean force, boolean paranoid) {
        this(condition, all, force, paranoid, false, false);
    }

    private Where(@Nullable Condition condition, boolean all, boolean force, boolean paranoid, boolean unscoped, boolean individualHooks) {
        this.condition = condition;
        this.all = all;
        this.force = force;
        this.paranoid = paranoid;
        this.unscoped = unscoped;
        this.individualHooks = individualHooks;
    }

    /** The rows {@code condition} matches. */
    public static Where of(Condition condition) {
        return new Where(Objects.requireNonNull(condition, "condition is null (to touch every row, use Where.all())"), false, false, true);
    }

    /** Every row of the model (every row not soft-deleted, for a paranoid model). */
    public static Where all() {
        return new Where(null, true, false, true);
    }

    /** A destroy that deletes the rows of a paranoid model for real instead of setting {@code deletedAt}. */
    public Where force() {
        return new Where(condition, all, true, paranoid, unscoped, individualHooks);
    }

    /** {@code false}: an update or destroy of a paranoid model also touches rows already soft-deleted. */
    public Where paranoid(boolean on) {
        return new Where(condition, all, force, on, unscoped, individualHooks);
    }

    /**
     * Without the model's default scope: a bulk update or destroy otherwise touches only the rows the default scope's
     * where matches, as Sequelize's {@code Model.update} and {@code Model.destroy} do ({@code Model.unscoped().destroy(...)}).
     */
    public Where unscoped() {
        return new Where(condition, all, force, paranoid, true, individualHooks);
    }

    /**
     * Runs the per-row hooks of a bulk update or destroy too (Sequelize's {@code individualHooks: true}): the rows the
     * where matches are read first, and {@code beforeUpdate}/{@code afterUpdate} (or {@code beforeDestroy}/
     * {@code afterDestroy}) run for each of them, around the bulk hooks, in the same transaction. Every before hook runs
     * before any row is written, so one that throws writes nothing. See {@link Hooks}.
     * <pre>{@code
     * db.update(USER, Values.of(USER.active, false), Where.of(USER.lastSeen.lt(cutoff)).individualHooks());
     * }</pre>
     */
    public Where individualHooks() {
        return new Where(condition, all, force, paranoid, unscoped, true);
    }

    /** Whether the per-row hooks run too ({@link #individualHooks()}). */
    public boolean isIndividualHooks() { return individualHooks; }

    /** These rows, narrowed by {@code more} (AND); still every other option of this where. */
    public Where and(Condition more) {
        Objects.requireNonNull(more, "condition is null");
        return new Where(condition == null ? more : condition.and(more), false, force, paranoid, unscoped, individualHooks);
    }

    public boolean isUnscoped() { return unscoped; }

    public @Nullable Condition condition() { return condition; }
    public boolean isAll() { return all; }
    public boolean isForce() { return force; }
    public boolean isParanoid() { return paranoid; }

    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof Where)) {
            return false;
        }
        Where w = (Where) o;
        return Objects.equals(condition, w.condition) && all == w.all && force == w.force && paranoid == w.paranoid && unscoped == w.unscoped
                && individualHooks == w.individualHooks;
    }

    @Override public int hashCode() { return Objects.hash(condition, all, force, paranoid, unscoped, individualHooks); }

    @Override public String toString() {
        return "Where{" + (all ? "all" : String.valueOf(condition)) + (force ? ", force" : "") + (paranoid ? "" : ", paranoid=false") + (unscoped ? ", unscoped" : "")
                + (individualHooks ? ", individualHooks" : "") + "}";
    }
}
