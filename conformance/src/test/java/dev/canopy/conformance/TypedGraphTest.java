package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.result.Entity;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Typed results read from the rows directly give exactly the graph the Entity path gives, on random include trees
 * over Chinook ({@link GeneratedQuery}), on every database. For each query a record per include-tree node is
 * generated and compiled (every attribute the node reads, the primary key as a primitive {@code int} where it can be,
 * every include as a record or a list of records); {@code findAll(query, Root.class)} and
 * {@code stream(query, Root.class)} must equal, component by component and in order, the records one builds from
 * {@code findAll(query)}'s entities.
 */
class TypedGraphTest {

    /** One generated record per node of a query's include tree. */
    private record Shape(String className, Model model, List<Column<?>> columns, List<Link> links) {}

    private record Link(String alias, boolean many, Shape target) {}

    @TestFactory
    Stream<DynamicTest> typedResultsAreTheEntityGraphOnRandomIncludeTrees() throws Exception {
        int tries = Integer.getInteger("canopy.typed.tries", 25);
        long base = Long.getLong("canopy.property.seed", 20261201L);
        List<DynamicTest> tests = new ArrayList<>();
        for (TestDatabase kind : TestDatabase.values()) {
            tests.add(DynamicTest.dynamicTest(kind + ": " + tries + " random include trees", () -> check(kind, base, tries)));
        }
        return tests.stream();
    }

    private static void check(TestDatabase kind, long base, int tries) throws Exception {
        Canopy db = ChinookFixture.chinook(kind);
        ReferenceChinook ref = IncludeTreePropertiesTest.reference(kind);
        SplittableRandom seeds = new SplittableRandom(base);
        Map<String, String> sources = new LinkedHashMap<>();
        List<GeneratedQuery> queries = new ArrayList<>();
        List<Shape> roots = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            GeneratedQuery q = GeneratedQuery.generate(seed, ref);
            int[] counter = {0};
            String prefix = "T" + kind.name() + "_" + i + "_";
            Shape root = shape(prefix, counter, q.root, q.attributes, q.includes, sources);
            queries.add(q);
            roots.add(root);
        }
        Path dir = Files.createTempDirectory("canopy-typed");
        ClassLoader loader = SourceCompiler.compile(dir, sources);
        int compared = 0;
        for (int i = 0; i < queries.size(); i++) {
            GeneratedQuery q = queries.get(i);
            Shape root = roots.get(i);
            Class<?> type = loader.loadClass(root.className());
            List<Entity> entities = db.findAll(q.canopy());
            List<Object> expected = entities.stream().map(e -> fromEntity(e, root)).collect(Collectors.toList());
            List<?> typed = db.findAll(q.canopy(), type);
            assertThat(typed.stream().map(TypedGraphTest::fromRecord).collect(Collectors.toList()))
                    .as("findAll(%s, %s) on %s", q, root.className(), kind).isEqualTo(expected);
            List<?> streamed;
            try (Stream<?> s = db.stream(q.canopy(), type)) {
                streamed = s.collect(Collectors.toList());
            }
            assertThat(streamed).as("stream(%s, %s) on %s", q, root.className(), kind).isEqualTo(typed);
            compared += expected.size();
        }
        assertThat(compared).as("roots compared on %s", kind).isPositive();
    }

    // ---- the generated records ---------------------------------------------------------------------------------------

    private static Shape shape(String prefix, int[] counter, Model model, @Nullable List<Column<?>> attributes, List<GeneratedQuery.Node> includes,
                               Map<String, String> sources) {
        String name = prefix + counter[0]++;
        List<Column<?>> columns = new ArrayList<>(attributes != null ? attributes : model.columns());
        for (Column<?> pk : model.primaryKey()) {
            if (!columns.contains(pk)) {
                columns.add(pk);
            }
        }
        List<Link> links = new ArrayList<>();
        for (GeneratedQuery.Node n : includes) {
            links.add(new Link(n.assoc().alias(), n.assoc().isToMany(), shape(prefix, counter, n.assoc().target(), n.attributes(), n.children(), sources)));
        }
        StringBuilder b = new StringBuilder("public record ").append(name).append("(");
        List<String> components = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            boolean primitive = c.type().kind() == DataType.Kind.INTEGER && !c.allowNull();
            String type = primitive ? "int" : c.type().javaType().getName();
            components.add("@dev.canopy.result.Attribute(\"" + c.name() + "\") " + type + " a" + i);
        }
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            String type = l.many() ? "java.util.List<" + l.target().className() + ">" : l.target().className();
            components.add("@dev.canopy.result.Included(\"" + l.alias() + "\") " + type + " l" + i);
        }
        b.append(String.join(", ", components)).append(") {}\n");
        sources.put(name + ".java", b.toString());
        return new Shape(name, model, columns, links);
    }

    /** The graph as nested lists: the component values in order, an include as a list, a list of lists or null. */
    private static Object fromEntity(Entity e, Shape s) {
        List<Object> out = new ArrayList<>();
        for (Column<?> c : s.columns()) {
            out.add(e.get(c));
        }
        for (Link l : s.links()) {
            if (l.many()) {
                out.add(e.many(l.alias()).stream().map(c -> fromEntity(c, l.target())).collect(Collectors.toList()));
            } else {
                Entity one = e.one(l.alias());
                out.add(one == null ? null : fromEntity(one, l.target()));
            }
        }
        return out;
    }

    private static @Nullable Object fromRecord(@Nullable Object r) {
        if (r == null) {
            return null;
        }
        if (r instanceof List<?> list) {
            return list.stream().map(TypedGraphTest::fromRecord).collect(Collectors.toList());
        }
        if (!r.getClass().isRecord()) {
            return r;
        }
        List<Object> out = new ArrayList<>();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            try {
                out.add(fromRecord(rc.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }
}
