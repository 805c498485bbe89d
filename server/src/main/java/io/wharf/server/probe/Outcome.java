package io.wharf.server.probe;

/** How one data mode fared. */
public enum Outcome {

    /** The listing arrived and the server confirmed it. */
    WORKS("works"),
    /**
     * The listing arrived, but only because the probe ignored the address in the 227 reply and connected to the
     * control connection's address instead, as curl and ftplib do; clients that obey the reply fail.
     */
    WORKS_VIA_CONTROL_ADDRESS("works*"),
    /** The mode does not work; the findings say why. */
    FAILED("FAILED"),
    /** Not tried, because it cannot apply (PASV and PORT over an IPv6 control connection). */
    SKIPPED("skipped");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The word the table prints. */
    public String label() {
        return label;
    }

    /** Whether a client can transfer files this way (counts toward the exit code). */
    public boolean works() {
        return this == WORKS || this == WORKS_VIA_CONTROL_ADDRESS;
    }
}
