package io.wharf.server.command;

import io.wharf.server.control.CommandTable;

/** The full command table, assembled from each concern's group. */
public final class StandardCommands {

    private StandardCommands() {
    }

    /** Every verb Wharf implements. */
    public static CommandTable table() {
        CommandTable.Builder table = CommandTable.builder();
        AccessCommands.register(table);
        InfoCommands.register(table);
        NavigationCommands.register(table);
        ParameterCommands.register(table);
        PassiveCommands.register(table);
        ActiveCommands.register(table);
        TransferCommands.register(table);
        FileCommands.register(table);
        return table.build();
    }
}
