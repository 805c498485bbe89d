package io.wharf.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * One session of a {@code mixed} run: logged in once, then operations drawn from the {@link OperationMix} with the
 * session's own seeded random, back to back. What each kind's latency covers:
 *
 * <pre>
 *   list, mlsd            EPSV to the 226; fewer lines than listing entries is a failure ("short listing")
 *   get-small, get-large  EPSV to the 226; fewer bytes than the file holds is a failure ("short transfer")
 *   put-small             EPSV to the RNTO's 250: STOR to sN.part, then RNFR/RNTO over sN.bin
 *   put-large             EPSV to the 226: STOR over sN-large.bin
 *   login                 connect to TYPE I's 200 (FTPS: with the handshake), after a QUIT that waited for the
 *                         server to close (not timed)
 * </pre>
 *
 * <p>Commands are encoded once, the read buffer and the upload block are allocated once, and the pick allocates
 * nothing, so an operation allocates only its sockets.
 */
final class MixedWorker extends TimedWorker {

    private static final byte[] TYPE_I = FtpControl.line("TYPE I");

    /** A command encoded once, and as text for failure messages. */
    private record Line(byte[] bytes, String text) {
        static Line of(String text) {
            return new Line(FtpControl.line(text), text);
        }
    }

    private final FtpTarget target;
    private final OperationMix mix;
    private final SplittableRandom random;
    private final byte[] userLine;
    private final byte[] passLine;
    private final Line list;
    private final Line mlsd;
    private final Line[] getSmall;
    private final long[] smallSizes;
    private final Line getLarge;
    private final long largeSize;
    private final Line storPart;
    private final Line renameFrom;
    private final Line renameTo;
    private final Line storLarge;
    private final int listEntries;
    private final ByteBuffer block;
    private final FtpControl control = new FtpControl();
    private final PassiveTransfer transfer;
    private final MixedTally tally;
    private MixedOp current = MixedOp.LIST;        // the kind in hand, for failure messages
    private long startNs;

    /**
     * @param session this session's number, which names its uploads
     * @param random  this session's own stream of picks and sizes
     * @param block   the bytes uploads send (this worker uses its own view of them); at least one byte
     * @param isPasv  PASV instead of EPSV
     */
    MixedWorker(TimedRun run, FtpTarget target, MixedTree tree, int session, OperationMix mix,
                SplittableRandom random, ByteBuffer block, boolean isPasv) {
        super(run);
        this.target = target;
        this.mix = mix;
        this.random = random;
        this.userLine = target.userLine();
        this.passLine = target.passLine();
        this.list = Line.of("LIST " + tree.listDir());
        this.mlsd = Line.of("MLSD " + tree.listDir());
        this.getSmall = new Line[tree.smallFiles()];
        this.smallSizes = new long[tree.smallFiles()];
        for (int i = 0; i < getSmall.length; i++) {
            getSmall[i] = Line.of("RETR " + tree.smallFile(i));
            smallSizes[i] = tree.smallSize(i);
        }
        this.getLarge = Line.of("RETR " + tree.largeFile());
        this.largeSize = tree.largeSize();
        this.storPart = Line.of("STOR " + tree.partOf(session));
        this.renameFrom = Line.of("RNFR " + tree.partOf(session));
        this.renameTo = Line.of("RNTO " + tree.smallUpload(session));
        this.storLarge = Line.of("STOR " + tree.largeUpload(session));
        this.listEntries = tree.listEntries();
        this.block = block.duplicate();
        this.transfer = new PassiveTransfer(control, isPasv);
        this.tally = new MixedTally(mix);
    }

    @Override
    void setUp() throws IOException {
        openSession();
    }

    /**
     * Connect, 220, (FTPS: AUTH TLS and the handshake), USER/PASS, (FTPS: PBSZ 0, PROT P), TYPE I: the one way a
     * session starts, for the set-up, after a failure, and in the login operation alike, so every session of a run
     * is opened the same way.
     */
    private void openSession() throws IOException {
        control.connect(target);
        control.authenticate(userLine, passLine);
        control.protectData();
        control.expect(control.command(TYPE_I), 200, "TYPE I");
    }

    @Override
    long once() throws IOException {
        MixedOp op = mix.pick(random);
        current = op;
        startNs = System.nanoTime();
        long bytes;
        try {
            bytes = run(op);
        } catch (IOException | IllegalArgumentException e) {
            tally.onFailed(op);
            throw e;
        }
        if (bytes < 0) {
            tally.onFailed(op);
            return -1;
        }
        long latencyNs = System.nanoTime() - startNs;
        tally.onCompleted(op, latencyNs, bytes);
        return latencyNs;
    }

    /** One operation of kind {@code op}: its payload bytes, or -1 after counting a failure. */
    private long run(MixedOp op) throws IOException {
        return switch (op) {
            case LIST -> listing(list);
            case MLSD -> listing(mlsd);
            case GET_SMALL -> {
                int i = random.nextInt(getSmall.length);
                yield download(getSmall[i], smallSizes[i]);
            }
            case PUT_SMALL -> {
                long sent = transfer.upload(storPart.bytes, storPart.text, block,
                        smallSizes[random.nextInt(smallSizes.length)]);
                // Upload, then rename into place: what partners do so that a pick-up job never sees half a file.
                control.expect(control.command(renameFrom.bytes), 350, renameFrom.text);
                control.expect(control.command(renameTo.bytes), 250, renameTo.text);
                yield sent;
            }
            case GET_LARGE -> download(getLarge, largeSize);
            case PUT_LARGE -> transfer.upload(storLarge.bytes, storLarge.text, block, largeSize);
            case LOGIN -> {
                // Leave as a well-behaved client does, so the server keeps the TIME_WAIT (see quitAndAwaitClose).
                control.quitAndAwaitClose();
                startNs = System.nanoTime();
                openSession();
                yield 0;
            }
        };
    }

    private long listing(Line line) throws IOException {
        long bytes = transfer.download(line.bytes, line.text, true);
        if (transfer.lines() < listEntries) {
            fail("short listing", line.text + ": " + transfer.lines() + " lines for " + listEntries + " entries");
            return -1;
        }
        return bytes;
    }

    private long download(Line line, long size) throws IOException {
        long bytes = transfer.download(line.bytes, line.text, false);
        if (bytes != size) {
            fail("short transfer", line.text + ": " + bytes + " of " + size + " bytes, then 226");
            return -1;
        }
        return bytes;
    }

    @Override
    void recover() throws IOException {
        // After a failure the control connection may still owe replies; a fresh one is simpler than resyncing.
        openSession();
    }

    @Override
    void tearDown() {
        control.quit();
        control.close();
    }

    @Override
    void closeChannels() {
        transfer.abort();
    }

    @Override
    String operation() {
        return current.label();
    }

    /** Valid after the worker's thread has ended. */
    MixedTally tally() {
        return tally;
    }
}
