package dev.canopy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Validators")
class ValidatorTest {
    @Test
    @DisplayName("the built-in validators accept what Sequelize's accept, and null passes all but notNull")
    void builtIns() {
        assertThat(Validator.isEmail().test("ann@example.org")).isTrue();
        assertThat(Validator.isEmail().test("ann@example")).isFalse();
        assertThat(Validator.isEmail().test("a nn@example.org")).isFalse();
        assertThat(Validator.len(2, 3).test("ab")).isTrue();
        assertThat(Validator.len(2, 3).test("abcd")).isFalse();
        assertThat(Validator.min(2).test(2)).isTrue();
        assertThat(Validator.min(2).test(1L)).isFalse();
        assertThat(Validator.max(new BigDecimal("2.5")).test(new BigDecimal("2.50"))).isTrue();
        assertThat(Validator.max(2).test(2.01)).isFalse();
        assertThat(Validator.isIn("a", "b").test("b")).isTrue();
        assertThat(Validator.isIn("a", "b").test("c")).isFalse();
        assertThat(Validator.matches("[a-z]+").test("abc")).isTrue();
        assertThat(Validator.matches("[a-z]+").test("abc1")).isFalse();
        assertThat(Validator.notEmpty().test("")).isFalse();
        assertThat(Validator.len(1, 2).test(7)).as("a value of a type it cannot read fails").isFalse();
        for (Validator<?> v : java.util.List.of(Validator.isEmail(), Validator.len(1, 2), Validator.min(1), Validator.notEmpty())) {
            assertThat(v.test(null)).as(v.name()).isTrue();
        }
        assertThat(Validator.notNull().test(null)).isFalse();
        assertThat(Validator.of("even", (Integer n) -> n % 2 == 0, "must be even").message("odd!").message()).isEqualTo("odd!");
        assertThatThrownBy(() -> Validator.len(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    static final class Person extends Model {
        final Column<String> first = string("first");
        final Column<String> last = string("last");
        Person() { super("Person"); }
    }

    @Test
    @DisplayName("a virtual attribute's name is checked against the model's attributes and its dependencies against the model")
    void virtualAttributesAreChecked() {
        Person p = new Person();
        assertThatThrownBy(() -> p.virtual("first", String.class, r -> "x")).isInstanceOf(dev.canopy.error.SchemaException.class)
                .hasMessageContaining("already has an attribute named first");
        Person other = new Person();
        assertThatThrownBy(() -> p.virtual("full", String.class, r -> "x", other.first)).isInstanceOf(dev.canopy.error.SchemaException.class)
                .hasMessageContaining("not an attribute of Person");
        assertThatThrownBy(() -> p.first.getter(String::trim).primaryKey()).isInstanceOf(dev.canopy.error.SchemaException.class)
                .hasMessageContaining("primary key");
    }
}
