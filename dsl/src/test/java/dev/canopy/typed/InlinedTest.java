package dev.canopy.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.h2.tools.SimpleResultSet;
import org.junit.jupiter.api.Test;

/** The constant-handle classes the direct reader and the mappers call their compiled handles through. */
class InlinedTest {
    record Pair(String name, int size) {}

    private static MethodHandle pairOfRow() throws ReflectiveOperationException {
        MethodHandles.Lookup l = MethodHandles.lookup();
        MethodHandle ctor = l.findConstructor(Pair.class, MethodType.methodType(void.class, String.class, int.class));
        MethodHandle name = MethodHandles.insertArguments(
                l.findVirtual(ResultSet.class, "getString", MethodType.methodType(String.class, int.class)), 1, 1);
        MethodHandle size = MethodHandles.insertArguments(
                l.findVirtual(ResultSet.class, "getInt", MethodType.methodType(int.class, int.class)), 1, 2);
        MethodHandle h = MethodHandles.filterArguments(ctor, 0, name, size);
        return MethodHandles.permuteArguments(h, MethodType.methodType(Pair.class, ResultSet.class), 0, 0);
    }

    private static ResultSet oneRow(String name, int size) throws SQLException {
        SimpleResultSet rs = new SimpleResultSet();
        rs.addColumn("name", java.sql.Types.VARCHAR, 40, 0);
        rs.addColumn("size", java.sql.Types.INTEGER, 10, 0);
        rs.addRow(name, size);
        rs.next();
        return rs;
    }

    @Test
    void aRowFunctionReturnsWhatItsHandleReturnsForTheCurrentRow() throws Throwable {
        Inlined.Function f = Inlined.of(pairOfRow());
        assertThat(f.apply(oneRow("Fiona", 3))).isEqualTo(new Pair("Fiona", 3));
        assertThat(f.apply(oneRow("Gus", 11))).isEqualTo(new Pair("Gus", 11));
    }

    @Test
    void eachHandleGetsAHiddenClassOfItsOwnSoThatAnEvictedPlanUnloadsIt() throws Throwable {
        Inlined.Function a = Inlined.of(pairOfRow());
        Inlined.Function b = Inlined.of(pairOfRow());
        assertThat(a.getClass()).isNotSameAs(b.getClass());
        assertThat(a.getClass().isHidden()).isTrue();
        assertThat(b.getClass().isHidden()).isTrue();
    }

    @Test
    void anArgsFunctionSpreadsItsArrayIntoTheConstructor() throws Throwable {
        MethodHandle ctor = MethodHandles.lookup().findConstructor(Pair.class, MethodType.methodType(void.class, String.class, int.class));
        Inlined.Function f = Inlined.of(ctor.asSpreader(Object[].class, 2));
        assertThat(f.apply(new Object[] {"Hal", 7})).isEqualTo(new Pair("Hal", 7));
    }

    @Test
    void anArgumentOfAnotherTypeIsRefusedAsTheHandlesTypeWouldRefuseIt() {
        Inlined.Function f = Inlined.of(MethodHandles.identity(String.class));
        assertThatThrownBy(() -> f.apply(42)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void whatTheHandleThrowsReachesTheCallerUnchanged() throws Throwable {
        Inlined.Function f = Inlined.of(pairOfRow());
        SimpleResultSet beforeFirstRow = new SimpleResultSet();
        beforeFirstRow.addColumn("name", java.sql.Types.VARCHAR, 40, 0);
        beforeFirstRow.addColumn("size", java.sql.Types.INTEGER, 10, 0);
        assertThatThrownBy(() -> f.apply(beforeFirstRow)).isInstanceOf(SQLException.class);
    }
}
