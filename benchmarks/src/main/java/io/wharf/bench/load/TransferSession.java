package io.wharf.bench.load;

/** A {@code download} or {@code upload} session as its coordinator ({@link TransferWatch}) sees it. */
interface TransferSession extends Runnable {

    /** Bytes this session has moved so far; any thread. */
    long movedBytes();

    /** Any thread: closes both connections so a stuck session ends (with an error) now. */
    void abort();
}
