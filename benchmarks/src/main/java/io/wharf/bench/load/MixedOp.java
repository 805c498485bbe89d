package io.wharf.bench.load;

/**
 * The kinds of operation a {@code mixed} session picks from, with the names {@code --mix} uses. How often each is
 * picked is {@link OperationMix}'s business.
 */
enum MixedOp {

    /** LIST of the listing directory. */
    LIST("list"),
    /** MLSD of the same directory (RFC 3659 7), what most GUI clients send instead of LIST. */
    MLSD("mlsd"),
    /** RETR of one of the small files. */
    GET_SMALL("get-small"),
    /** STOR of a small file to the session's {@code .part} name, then RNFR/RNTO over its final name. */
    PUT_SMALL("put-small"),
    /** RETR of the large file. */
    GET_LARGE("get-large"),
    /** STOR of a large file over the session's own. */
    PUT_LARGE("put-large"),
    /** QUIT and wait for the server to close, then a new connection, login and TYPE I. */
    LOGIN("login");

    /** {@link #values()} copies its array on every call; the pickers use this one. */
    static final MixedOp[] ALL = values();

    private final String label;

    MixedOp(String label) {
        this.label = label;
    }

    /** The name in {@code --mix}, the report and the JSON: {@code get-small}. */
    String label() {
        return label;
    }

    /** The kind called {@code label}, or null. */
    static MixedOp byLabel(String label) {
        for (MixedOp op : ALL) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        return null;
    }
}
