package dev.canopy.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.canopy.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * JSON values to the Java type of a column ({@link DataType#javaType()}) and back. Lenient where a JSON author
 * cannot help it (a number written as a string, a date where a timestamp is expected), strict where a silent
 * conversion would change the meaning (a fraction for an integer, a boolean for a string).
 */
final class Values {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Why a JSON value does not fit a type; the caller adds the path and the column. */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private Values() {}

    /**
     * The value of {@code node} as {@code type}'s Java type: {@code 0.99} for a DECIMAL is {@code BigDecimal("0.99")},
     * {@code "2021-01-01"} for a DATE is a {@link LocalDate}.
     *
     * @throws Mismatch saying what was expected
     */
    static Object convert(DataType<?> type, JsonNode node) {
        if (node.isContainerNode() || node.isNull() || node.isMissingNode()) {
            throw new Mismatch("expected " + expected(type) + ", not " + JsonInput.describe(node));
        }
        switch (type.kind()) {
            case INTEGER: {
                BigDecimal d = wholeNumber(type, node);
                try {
                    return d.intValueExact();
                } catch (ArithmeticException e) {
                    throw new Mismatch(node.asText() + " is out of range for " + type);
                }
            }
            case BIGINT: {
                BigDecimal d = wholeNumber(type, node);
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw new Mismatch(node.asText() + " is out of range for " + type);
                }
            }
            case DECIMAL:
                return number(type, node);
            case STRING: case TEXT: case JSON:
                if (node.isTextual() || node.isNumber()) {
                    return node.asText();
                }
                throw new Mismatch("expected a string, not " + JsonInput.describe(node));
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (node.isTextual() && (node.asText().equals("true") || node.asText().equals("false"))) {
                    return Boolean.valueOf(node.asText());
                }
                throw new Mismatch("expected true or false, not " + JsonInput.describe(node));
            case DATE:
                try {
                    return LocalDate.parse(text(type, node));
                } catch (DateTimeParseException e) {
                    throw new Mismatch("expected a date as \"yyyy-MM-dd\", not " + JsonInput.describe(node));
                }
            case TIMESTAMP:
                return timestamp(type, node);
            case UUID: {
                String s = text(type, node);
                if (!UUID_TEXT.matcher(s).matches()) {
                    throw new Mismatch("expected a UUID such as \"123e4567-e89b-12d3-a456-426614174000\", not " + JsonInput.describe(node));
                }
                return UUID.fromString(s);
            }
            default:
                throw new Mismatch("values of type " + type + " cannot be written in JSON");
        }
    }

    private static String expected(DataType<?> type) {
        switch (type.kind()) {
            case INTEGER: case BIGINT: return "a whole number";
            case DECIMAL: return "a number";
            case BOOLEAN: return "true or false";
            case DATE: return "a date as \"yyyy-MM-dd\"";
            case TIMESTAMP: return "a timestamp as \"yyyy-MM-ddTHH:mm:ss\"";
            case UUID: return "a UUID string";
            default: return "a string";
        }
    }

    private static String text(DataType<?> type, JsonNode node) {
        if (!node.isTextual()) {
            throw new Mismatch("expected " + expected(type) + ", not " + JsonInput.describe(node));
        }
        return node.asText().strip();
    }

    private static BigDecimal number(DataType<?> type, JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                throw new Mismatch("expected " + expected(type) + ", not " + JsonInput.describe(node));
            }
        }
        throw new Mismatch("expected " + expected(type) + ", not " + JsonInput.describe(node));
    }

    private static BigDecimal wholeNumber(DataType<?> type, JsonNode node) {
        BigDecimal d = number(type, node);
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new Mismatch("expected a whole number, not " + JsonInput.describe(node));
        }
        return d;
    }

    private static LocalDateTime timestamp(DataType<?> type, JsonNode node) {
        String s = text(type, node);
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            return LocalDateTime.parse(s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s);
        } catch (DateTimeParseException e) {
            throw new Mismatch("expected a timestamp as \"yyyy-MM-ddTHH:mm:ss\" (or a date \"yyyy-MM-dd\"), without a zone, not "
                    + JsonInput.describe(node));
        }
    }

    /** A Java value as JSON: numbers as numbers (decimals exactly), dates, timestamps and UUIDs as ISO strings. */
    static JsonNode write(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return IntNode.valueOf(((Number) value).intValue());
        }
        if (value instanceof Long) {
            return LongNode.valueOf((Long) value);
        }
        if (value instanceof BigDecimal) {
            return DecimalNode.valueOf((BigDecimal) value);
        }
        if (value instanceof BigInteger) {
            return BigIntegerNode.valueOf((BigInteger) value);
        }
        if (value instanceof Double || value instanceof Float) {
            return DoubleNode.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return BooleanNode.valueOf((Boolean) value);
        }
        return TextNode.valueOf(value.toString());
    }
}
