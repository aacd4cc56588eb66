package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.Nullable;

/**
 * What {@code sync} may do (Sequelize's {@code sync({ alter, force })}, with the destructive part asked for
 * separately):
 * <ul>
 *   <li>{@link #create()}: create the tables that are missing, nothing else (the default);</li>
 *   <li>{@link #alter()}: also bring existing tables to the models: add columns, change types and nullability, add
 *       and drop foreign keys, add unique indexes; a column the models no longer have is reported, not dropped,
 *       unless {@link #dropColumns()} is asked too;</li>
 *   <li>{@link #force()}: drop the models' tables first, then create them (every row is lost);</li>
 *   <li>{@link #dryRun()}: run nothing and return the statements that would run.</li>
 * </ul>
 */
@CheckReturnValue
public final class SyncOptions {
    private final boolean alter;
    private final boolean dropColumns;
    private final boolean force;
    private final boolean dryRun;

    private SyncOptions(boolean alter, boolean dropColumns, boolean force, boolean dryRun) {
        this.alter = alter;
        this.dropColumns = dropColumns;
        this.force = force;
        this.dryRun = dryRun;
    }

    public static SyncOptions create() {
        return new SyncOptions(false, false, false, false);
    }

    /** {@code create().alter()}. */
    public static SyncOptions altering() {
        return create().alter();
    }

    public SyncOptions alter() {
        return new SyncOptions(true, dropColumns, force, dryRun);
    }

    /** With {@link #alter()}: drop the columns the models no longer have, and their data. */
    public SyncOptions dropColumns() {
        return new SyncOptions(alter, true, force, dryRun);
    }

    public SyncOptions force() {
        return new SyncOptions(alter, dropColumns, true, dryRun);
    }

    public SyncOptions dryRun() {
        return new SyncOptions(alter, dropColumns, force, true);
    }

    public boolean isAlter() { return alter; }
    public boolean isDropColumns() { return dropColumns; }
    public boolean isForce() { return force; }
    public boolean isDryRun() { return dryRun; }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof SyncOptions s && s.alter == alter && s.dropColumns == dropColumns && s.force == force && s.dryRun == dryRun;
    }

    @Override public int hashCode() { return (alter ? 1 : 0) + (dropColumns ? 2 : 0) + (force ? 4 : 0) + (dryRun ? 8 : 0); }

    @Override public String toString() {
        return "SyncOptions{alter=" + alter + ", dropColumns=" + dropColumns + ", force=" + force + ", dryRun=" + dryRun + "}";
    }
}
