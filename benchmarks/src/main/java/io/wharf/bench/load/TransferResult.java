package io.wharf.bench.load;

/** What one bulk download or upload session reports, so both scenarios total and print their sessions alike. */
interface TransferResult {

    /** Bytes moved. */
    long bytes();

    /** When the session finished, {@link System#nanoTime()}. */
    long endNs();

    /** The session's own duration. */
    double seconds();

    /** The session's own rate. */
    double mibPerSecond();

    /** True when every byte arrived and nothing failed. */
    boolean isComplete();

    /** "ok", or what went wrong, for the table and the JSON. */
    String status();
}
