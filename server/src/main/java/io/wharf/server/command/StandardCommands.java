package io.wharf.server.command;

import io.wharf.server.control.CommandTable;
import java.util.List;

/** The full command table, assembled from each concern's group. */
public final class StandardCommands {

    private StandardCommands() {
    }

    /** Every verb Wharf implements. */
    public static CommandTable table() {
        CommandTable.Builder table = CommandTable.builder();
        AccessCommands.register(table);
        SecurityCommands.register(table);
        InfoCommands.register(table);
        HelpCommands.register(table);
        StatusCommands.register(table);
        NavigationCommands.register(table);
        ParameterCommands.register(table);
        PassiveCommands.register(table);
        ActiveCommands.register(table);
        TransferCommands.register(table);
        FileCommands.register(table);
        RenameCommands.register(table);
        MetadataCommands.register(table);
        HashCommands.register(table);
        return table.build();
    }

    /** The verbs of {@link #table()}, sorted, for HELP. Built on first use, then shared. */
    static List<String> verbs() {
        return Verbs.ALL;
    }

    /** Holder: built on first HELP, after {@link #table()}'s groups have finished their own initialisation. */
    private static final class Verbs {
        static final List<String> ALL = List.of(table().verbs());
    }
}
