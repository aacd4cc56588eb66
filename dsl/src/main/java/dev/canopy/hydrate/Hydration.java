package dev.canopy.hydrate;

import dev.canopy.plan.Fetch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entities one statement produced: its roots (with, for a separate include's statement, the parent key of
 * each) and, per plan node, every entity made for it, so the children of separate includes can be stitched under
 * them.
 */
public final class Hydration {
    private final List<HydratedEntity> roots;
    private final @Nullable List<Object> partitions;
    /** Per node, its entities as made, for the nodes the hydrator recorded (the parents of separate includes). */
    private final @Nullable List<HydratedEntity>[] byNode;
    private final int[] parentOf;
    private final int[] linkOf;

    Hydration(List<HydratedEntity> roots, @Nullable List<Object> partitions, @Nullable List<HydratedEntity>[] byNode, int[] parentOf, int[] linkOf) {
        this.roots = roots;
        this.partitions = partitions;
        this.byNode = byNode;
        this.parentOf = parentOf;
        this.linkOf = linkOf;
        byNode[0] = roots;
    }

    /** The roots, in the order the statement returned them. */
    public List<HydratedEntity> roots() {
        return roots;
    }

    /**
     * Every entity made for a plan node (the roots for node 0). Nodes that separate includes hang from are recorded
     * while rows are read; the others are collected on demand, parent by parent, from the graph.
     */
    public List<HydratedEntity> entities(int node) {
        List<HydratedEntity> recorded = byNode[node];
        if (recorded != null) {
            return recorded;
        }
        List<HydratedEntity> out = new ArrayList<>();
        for (HydratedEntity parent : entities(parentOf[node])) {
            out.addAll(parent.children(linkOf[node]));
        }
        byNode[node] = out;
        return out;
    }

    /**
     * The distinct values of the parents' key that a separate include refers to, each with the parents holding it
     * (one key may be held by several entities: the same row reached under different grandparents).
     */
    public static Map<Object, List<HydratedEntity>> parentsByKey(List<HydratedEntity> parents, Fetch fetch) {
        Map<Object, List<HydratedEntity>> byKey = new HashMap<>();
        for (HydratedEntity p : parents) {
            Object key = p.value(fetch.parentKey());
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
            }
        }
        return byKey;
    }

    /** Puts each root of {@code children} (a separate include's statement) under the parents that hold its key. */
    public static void stitch(Fetch fetch, Map<Object, List<HydratedEntity>> parentsByKey, Hydration children) {
        List<Object> parts = children.partitions;
        if (parts == null) {
            throw new IllegalStateException("not a separate include's hydration");
        }
        for (int i = 0; i < children.roots.size(); i++) {
            List<HydratedEntity> parents = parentsByKey.get(parts.get(i));
            if (parents != null) {
                for (HydratedEntity p : parents) {
                    p.addMany(fetch.link(), children.roots.get(i));
                }
            }
        }
    }
}
