package dev.canopy.typed;

import java.util.ArrayList;
import java.util.List;

/**
 * How a component's name finds an attribute or an include alias, in three tiers; the first tier with a match
 * decides, and two matches in one tier are ambiguous:
 * <ol>
 *   <li>exactly: {@code name} is {@code name};</li>
 *   <li>as the same words in camelCase and snake_case: {@code albumId} is {@code album_id};</li>
 *   <li>as the same words in any case: {@code trackId} is {@code TrackId}, {@code unit_price} is {@code UnitPrice}.</li>
 * </ol>
 * Only the attribute's or alias's own name counts: {@code albumTitle} is not {@code album.Title}.
 */
final class Names {
    private Names() {}

    /** The tier (1 to 3) at which two names match, or 0. */
    static int tier(String component, String candidate) {
        if (component.equals(candidate)) {
            return 1;
        }
        String a = camel(component);
        String b = camel(candidate);
        if (a.equals(b)) {
            return 2;
        }
        return a.equalsIgnoreCase(b) ? 3 : 0;
    }

    /** The candidates that match best, all of the same tier; empty when none matches. */
    static List<String> best(String component, List<String> candidates) {
        List<String> out = new ArrayList<>();
        int best = 4;
        for (String c : candidates) {
            int t = tier(component, c);
            if (t == 0 || t > best) {
                continue;
            }
            if (t < best) {
                out.clear();
                best = t;
            }
            out.add(c);
        }
        return out;
    }

    /** snake_case as camelCase ({@code album_id} → {@code albumId}), as the models' own naming does it. */
    static String camel(String name) {
        return dev.canopy.model.Naming.camel(name);
    }
}
