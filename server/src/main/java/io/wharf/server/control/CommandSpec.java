package io.wharf.server.control;

import java.util.Set;

/**
 * One row of the command table: a verb, the phases it may run in, and its handler.
 *
 * @param verb      the verb, upper case
 * @param allowedIn phases in which the verb runs; elsewhere the dispatcher answers 530 or 503
 * @param handler   the code
 */
public record CommandSpec(String verb, Set<Phase> allowedIn, CommandHandler handler) {

    /** True when the verb may run in {@code phase}. */
    public boolean isAllowedIn(Phase phase) {
        return allowedIn.contains(phase);
    }
}
