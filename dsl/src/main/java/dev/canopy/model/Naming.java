package dev.canopy.model;

import java.util.Locale;

/**
 * Sequelize's naming conventions: camelCase attributes to snake_case columns, model names to plural table
 * names. The pluraliser covers regular English nouns (and the irregular ones a schema usually meets); a model
 * whose table is named otherwise says so with {@link ModelOptions#table(String)} or {@link ModelOptions#freezeTableName()}.
 */
public final class Naming {
    private Naming() {}

    /** {@code organizationId} → {@code organization_id}; {@code ArtistId} → {@code artist_id}. */
    public static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1)));
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                boolean prevUpper = i > 0 && Character.isUpperCase(camel.charAt(i - 1));
                if (i > 0 && camel.charAt(i - 1) != '_' && (prevLower || (prevUpper && nextLower))) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code album_id} → {@code albumId}. A name without underscores is returned as it is. */
    public static String camel(String snake) {
        if (snake.indexOf('_') < 0) {
            return snake;
        }
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else if (upper) {
                sb.append(Character.toUpperCase(c));
                upper = false;
            } else {
                sb.append(sb.length() == 0 ? Character.toLowerCase(c) : c);
            }
        }
        return sb.toString();
    }

    /**
     * Sequelize's {@code camelize([head, tail].join('_'))}, which builds default foreign keys: {@code user} + {@code id}
     * → {@code userId}, {@code User} + {@code id} → {@code UserId} (the first letter is kept as it is, as in Sequelize).
     */
    public static String camelJoin(String head, String tail) {
        if (tail.isEmpty()) {
            return head;
        }
        return head + Character.toUpperCase(tail.charAt(0)) + tail.substring(1);
    }

    public static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code User} → {@code Users}, {@code Category} → {@code Categories}, {@code Person} → {@code People}. */
    public static String plural(String word) {
        if (word.isEmpty()) {
            return word;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String[][] irregular = {{"person", "people"}, {"child", "children"}, {"man", "men"}, {"woman", "women"},
                {"mouse", "mice"}, {"goose", "geese"}, {"foot", "feet"}, {"tooth", "teeth"}, {"datum", "data"}};
        for (String[] pair : irregular) {
            if (lower.endsWith(pair[0])) {
                String stem = word.substring(0, word.length() - pair[0].length());
                String tail = word.substring(word.length() - pair[0].length());
                String repl = Character.isUpperCase(tail.charAt(0))
                        ? Character.toUpperCase(pair[1].charAt(0)) + pair[1].substring(1) : pair[1];
                return stem + repl;
            }
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return word + "es";
        }
        if (lower.endsWith("y") && word.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        return word + "s";
    }

    /** Whether a name can be an identifier: non-empty, no control characters, no quote characters. */
    public static boolean isValidIdentifier(String name) {
        if (name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '"' || c == '`' || c == '[' || c == ']') {
                return false;
            }
        }
        return true;
    }
}
