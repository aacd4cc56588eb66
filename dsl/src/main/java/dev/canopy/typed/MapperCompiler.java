package dev.canopy.typed;

import dev.canopy.error.MappingException;
import dev.canopy.hydrate.HydratedEntity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.VirtualAttribute;
import dev.canopy.plan.PlanNode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a type against a plan node's shape, depth first through its includes, and gathers every problem on
 * the way, so that one {@link MappingException} lists them all. Used once per (plan node, type); thrown away after.
 */
final class MapperCompiler {
    private final List<String> problems = new ArrayList<>();
    /** What the last component compiled reads, for the direct reader ({@link TypedReader}). */
    private Spec lastSpec = Spec.NONE;
    /** The schema the query was bound to, for naming associations it left out; null when unknown. */
    private final dev.canopy.model.@org.jspecify.annotations.Nullable Schema schema;

    MapperCompiler(dev.canopy.model.@org.jspecify.annotations.Nullable Schema schema) {
        this.schema = schema;
    }

    /**
     * The mapper of {@code type} for the entities of {@code shape}.
     *
     * @throws MappingException listing each component that does not match
     */
    <T> EntityMapper<T> compile(NodeShape shape, Class<T> type) {
        EntityMapper<T> m = node(shape, type, type.getSimpleName());
        if (m == null || !problems.isEmpty()) {
            String name = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
            throw new MappingException("Cannot map " + shape.model().name() + " to " + name + ":", problems);
        }
        return m;
    }

    private <T> @Nullable EntityMapper<T> node(NodeShape shape, Class<T> type, String path) {
        Target target;
        try {
            target = Target.of(type);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
        int before = problems.size();
        List<Part> parts = new ArrayList<>();
        List<Spec> specs = new ArrayList<>();
        for (Target.Component c : target.components()) {
            Part p = component(shape, target, c, path + "." + c.name());
            if (p != null) {
                parts.add(p);
                specs.add(lastSpec.withParam(c.raw()));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        MethodHandle constructor = constructor(target, path);
        return constructor == null ? null : new EntityMapper<>(type, constructor, direct(target), parts.toArray(new Part[0]), shape, List.copyOf(specs));
    }

    /** The constructor with its own parameter types (made accessible by {@link #constructor}). */
    private static MethodHandle direct(Target target) {
        try {
            return MethodHandles.lookup().unreflectConstructor(target.constructor());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private @Nullable MethodHandle constructor(Target target, String path) {
        try {
            target.constructor().setAccessible(true);
            MethodHandle h = MethodHandles.lookup().unreflectConstructor(target.constructor());
            return h.asSpreader(Object[].class, target.components().size()).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            problems.add(path + ": cannot call the constructor of " + Types.name(target.type()) + " (" + e.getMessage()
                    + "); make it public, or open its package to Canopy");
            return null;
        }
    }

    // ---- one component ------------------------------------------------------------------------------------

    private @Nullable Part component(NodeShape shape, Target target, Target.Component c, String path) {
        String label = path + " (" + Types.declared(c.generic(), target.kotlin(), c.nullness() == Nullness.NULLABLE) + ")";
        if (c.attribute() != null && c.include() != null) {
            problems.add(label + ": has both @Attribute and @Included; keep one");
            return null;
        }
        if (c.attribute() != null && computedIndex(shape, c.attribute()) >= 0) {
            return computed(shape, target, c, computedIndex(shape, c.attribute()), label);
        }
        if (c.attribute() != null) {
            VirtualAttribute<?> v = virtual(shape, c.attribute());
            if (v != null) {
                return virtual(shape, target, c, v, label);
            }
            Column<?> col = find(shape.columns(), c.attribute());
            return col != null ? column(shape, target, c, col, label) : missing(shape, label, c.attribute(), "@Attribute(\"" + c.attribute() + "\")");
        }
        if (c.include() != null) {
            int link = linkIndex(shape, c.include());
            return link >= 0 ? link(shape, target, c, link, label, path) : missing(shape, label, c.include(), "@Included(\"" + c.include() + "\")");
        }
        List<String> candidates = new ArrayList<>();
        shape.columns().forEach(col -> candidates.add(col.name()));
        shape.links().forEach(l -> candidates.add(l.alias()));
        shape.computed().forEach(k -> candidates.add(computedCandidate(k.name())));
        for (VirtualAttribute<?> v : shape.model().virtualAttributes()) {
            if (shape.columns().containsAll(v.dependsOn())) {
                candidates.add(v.name());
            }
        }
        List<String> best = Names.best(c.name(), candidates);
        if (best.size() > 1) {
            problems.add(label + ": matches " + best.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" and "))
                    + "; bind one with @Attribute or @Included");
            return null;
        }
        if (best.isEmpty()) {
            return missing(shape, label, c.name(), null);
        }
        int computed = computedByCandidate(shape, best.get(0));
        if (computed >= 0) {
            return computed(shape, target, c, computed, label);
        }
        VirtualAttribute<?> virtual = virtual(shape, best.get(0));
        if (virtual != null) {
            return virtual(shape, target, c, virtual, label);
        }
        Column<?> col = find(shape.columns(), best.get(0));
        return col != null ? column(shape, target, c, col, label) : link(shape, target, c, linkIndex(shape, best.get(0)), label, path);
    }

    /**
     * The name a component matches a computed attribute by: its alias; for a junction's attribute read with
     * {@code through(...)} ({@code Entry.position}), the junction model's name and the attribute's, camel-joined
     * ({@code EntryPosition}, so {@code entryPosition} in a record). {@code @Attribute("Entry.position")} names it exactly.
     */
    private static String computedCandidate(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : dev.canopy.model.Naming.camelJoin(name.substring(0, dot), name.substring(dot + 1));
    }

    private static int computedByCandidate(NodeShape shape, String candidate) {
        List<PlanNode.ComputedSlot> all = shape.computed();
        for (int i = 0; i < all.size(); i++) {
            if (computedCandidate(all.get(i).name()).equals(candidate)) {
                return i;
            }
        }
        return -1;
    }

    private static int computedIndex(NodeShape shape, String name) {
        List<PlanNode.ComputedSlot> all = shape.computed();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A computed attribute into a component, converted from the type it is read as. */
    private @Nullable Part computed(NodeShape shape, Target target, Target.Component c, int i, String label) {
        PlanNode.ComputedSlot k = shape.computed().get(i);
        boolean optional = c.raw() == Optional.class;
        Class<?> wanted = optional ? Types.argument(c.generic()) : c.raw();
        Class<?> source = k.type().javaType();
        Conversion conversion = wanted == null ? null : Conversion.between(source, wanted);
        if (conversion == null) {
            String to = optional && wanted != null ? Types.name(wanted) : Types.declared(c.generic(), target.kotlin(), c.nullness() == Nullness.NULLABLE);
            problems.add(label + ": cannot convert the computed attribute '" + k.name() + "' (" + source.getSimpleName() + ") to " + to);
            return null;
        }
        if (!optional && k.nullable() && c.nullness() == Nullness.NON_NULL) {
            problems.add(label + ": the computed attribute '" + k.name() + "' may be null, " + notNullable(target, c, wanted));
            return null;
        }
        lastSpec = Spec.computed(k, conversion, optional, label);
        return Part.column(shape.computedIndex(i), conversion, optional, label);
    }

    /** Records why nothing the node reads matches, naming what it does read and include. */
    private @Nullable Part missing(NodeShape shape, String label, String name, @Nullable String binding) {
        Model model = shape.model();
        for (Column<?> col : model.columns()) {
            if (binding != null ? col.name().equals(name) : Names.tier(name, col.name()) > 0) {
                problems.add(label + ": " + model.name() + "." + col.name() + " was not read by this query (its attributes list left it out)");
                return null;
            }
        }
        for (Association a : schema == null ? List.<Association>of() : schema.associationsOf(model)) {
            if (binding != null ? a.alias().equals(name) : Names.tier(name, a.alias()) > 0) {
                problems.add(label + ": '" + a.alias() + "' is an association of " + model.name() + " that this query does not include");
                return null;
            }
        }
        String read = shape.columns().stream().map(Column::name).collect(Collectors.joining(", "));
        String included = shape.links().isEmpty() ? "nothing" : shape.links().stream().map(PlanNode.Link::alias).collect(Collectors.joining(", "));
        problems.add(label + ": " + (binding != null ? binding + " names no attribute or include" : "no attribute or include matches '" + name + "'")
                + " (" + model.name() + " reads " + read + "; includes " + included + ")");
        return null;
    }

    private @Nullable Part column(NodeShape shape, Target target, Target.Component c, Column<?> col, String label) {
        boolean optional = c.raw() == Optional.class;
        Class<?> wanted = optional ? Types.argument(c.generic()) : c.raw();
        Class<?> source = col.type().javaType();
        Conversion conversion = wanted == null ? null : Conversion.between(source, wanted);
        String what = shape.model().name() + "." + col.name();
        if (conversion == null) {
            String to = optional && wanted != null ? Types.name(wanted) : Types.declared(c.generic(), target.kotlin(), c.nullness() == Nullness.NULLABLE);
            problems.add(label + ": cannot convert " + what + " (" + source.getSimpleName() + ") to " + to);
            return null;
        }
        if (!optional && col.allowNull() && c.nullness() == Nullness.NON_NULL) {
            problems.add(label + ": " + what + " may be null, " + notNullable(target, c, wanted));
            return null;
        }
        lastSpec = Spec.column(col, conversion, optional, label);
        return Part.column(col.index(), conversion, optional, label, shape.model().columns().get(col.index()));
    }

    /** The virtual attribute with a name whose attributes the node reads, or null. */
    private static @Nullable VirtualAttribute<?> virtual(NodeShape shape, String name) {
        VirtualAttribute<?> v = shape.model().findVirtual(name);
        return v != null && shape.columns().containsAll(v.dependsOn()) ? v : null;
    }

    /** A component fed by a virtual attribute: converted from its declared type; it may always be null. */
    private @Nullable Part virtual(NodeShape shape, Target target, Target.Component c, VirtualAttribute<?> v, String label) {
        boolean optional = c.raw() == Optional.class;
        Class<?> wanted = optional ? Types.argument(c.generic()) : c.raw();
        Conversion conversion = wanted == null ? null : Conversion.between(v.type(), wanted);
        if (conversion == null) {
            problems.add(label + ": cannot convert " + v + " (" + v.type().getSimpleName() + ") to "
                    + Types.declared(c.generic(), target.kotlin(), c.nullness() == Nullness.NULLABLE));
            return null;
        }
        lastSpec = Spec.FROM_ENTITY;
        return Part.virtual(v, conversion, optional, label);
    }

    /** Why a non-null component cannot take a value that may be null, and what to write instead. */
    private static String notNullable(Target target, Target.Component c, @Nullable Class<?> wanted) {
        if (target.kotlin()) {
            return "but the parameter's type is not nullable; add ? to it";
        }
        if (c.raw().isPrimitive()) {
            String box = Types.box(c.raw()).getSimpleName();
            return "which " + c.raw().getSimpleName() + " cannot hold; declare " + box + " or Optional<" + box + ">";
        }
        return "but the component is not nullable (@NullMarked); annotate it @Nullable or declare Optional<" + Types.name(c.generic()) + ">";
    }

    private @Nullable Part link(NodeShape shape, Target target, Target.Component c, int link, String label, String path) {
        PlanNode.Link l = shape.links().get(link);
        boolean list = c.raw() == List.class || c.raw() == Collection.class || c.raw() == Iterable.class;
        if (l.toMany()) {
            Class<?> element = list ? Types.argument(c.generic()) : null;
            if (element == null) {
                problems.add(label + ": '" + l.alias() + "' is a to-many include; declare a List of a record or Kotlin class");
                return null;
            }
            if (element == dev.canopy.result.Entity.class) {
                lastSpec = Spec.link(link, true, null, false);
                return Part.many(link, null);
            }
            EntityMapper<?> child = node(shape.child(link), element, path + "[]");
            lastSpec = Spec.link(link, true, child, false);
            return child == null ? null : Part.many(link, child);
        }
        if (list) {
            problems.add(label + ": '" + l.alias() + "' is a to-one include; declare a record or Kotlin class, not a list");
            return null;
        }
        boolean optional = c.raw() == Optional.class;
        Class<?> element = optional ? Types.argument(c.generic()) : c.raw();
        if (element == null) {
            problems.add(label + ": declare the type of the Optional");
            return null;
        }
        if (!optional && c.nullness() == Nullness.NON_NULL && !shape.alwaysPresent(link)) {
            problems.add(label + ": include '" + l.alias() + "' is optional, so it may be absent, " + (target.kotlin()
                    ? "but the parameter's type is not nullable; add ? to it, or make the include required()"
                    : "but the component is not nullable (@NullMarked); annotate it @Nullable, declare Optional<" + Types.name(c.generic())
                    + ">, or make the include required()"));
            return null;
        }
        if (element == dev.canopy.result.Entity.class) {
            lastSpec = Spec.link(link, false, null, optional);
            return Part.one(link, null, optional);
        }
        EntityMapper<?> child = node(shape.child(link), element, path);
        lastSpec = Spec.link(link, false, child, optional);
        return child == null ? null : Part.one(link, child, optional);
    }

    private static @Nullable Column<?> find(List<Column<?>> columns, String name) {
        for (Column<?> c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static int linkIndex(NodeShape shape, String alias) {
        List<PlanNode.Link> links = shape.links();
        for (int i = 0; i < links.size(); i++) {
            if (links.get(i).alias().equals(alias)) {
                return i;
            }
        }
        return -1;
    }
}
