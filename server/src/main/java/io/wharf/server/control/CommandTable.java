package io.wharf.server.control;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The verbs a server understands, each with its allowed phases beside its handler. Built once at start, then
 * read-only and shared by every loop. Lookups are a binary search over packed verbs: no hashing, no boxing.
 */
public final class CommandTable {

    private final long[] verbs;
    private final CommandSpec[] specs;

    private CommandTable(TreeMap<Long, CommandSpec> rows) {
        verbs = new long[rows.size()];
        specs = new CommandSpec[rows.size()];
        int i = 0;
        for (var row : rows.entrySet()) {
            verbs[i] = row.getKey();
            specs[i++] = row.getValue();
        }
    }

    /** The spec for {@code verb}, or null when the verb is not implemented. */
    public CommandSpec lookup(long verb) {
        int i = Arrays.binarySearch(verbs, verb);
        return i >= 0 ? specs[i] : null;
    }

    /** The implemented verbs, in table order. */
    public String[] verbs() {
        String[] names = new String[specs.length];
        for (int i = 0; i < specs.length; i++) {
            names[i] = specs[i].verb();
        }
        Arrays.sort(names);
        return names;
    }

    /** Starts an empty table. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects rows; each concern's commands class registers its own verbs. */
    public static final class Builder {
        private final TreeMap<Long, CommandSpec> rows = new TreeMap<>();

        /** Adds {@code verb}, runnable in {@code allowedIn}. A verb registered twice is a bug. */
        public Builder add(String verb, Set<Phase> allowedIn, CommandHandler handler) {
            long packed = Verb.pack(verb);
            CommandSpec previous = rows.put(packed, new CommandSpec(verb, EnumSet.copyOf(allowedIn), handler));
            if (previous != null) {
                throw new IllegalStateException("verb registered twice: " + verb);
            }
            return this;
        }

        /** The finished, immutable table. */
        public CommandTable build() {
            return new CommandTable(rows);
        }
    }
}
